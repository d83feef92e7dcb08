// Shared between the shim's translation units; never seen by C#.
#pragma once

#include <torch/torch.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "lrc_torch.h"

namespace lrc {

void setError(const std::string& message);

// Every export funnels through here so no C++ exception ever unwinds into the CLR (which would
// take the whole process down instead of raising a TorchException).
template <class F>
int32_t guard(F&& body) noexcept {
    try {
        body();
        return 0;
    } catch (const c10::Error& e) {
        // what() carries a C++ backtrace that is noise to a .NET user.
        setError(e.what_without_backtrace());
    } catch (const std::exception& e) {
        setError(e.what());
    } catch (...) {
        setError("unknown native exception in lrc_torch");
    }
    return 1;
}

char* copyString(const std::string& s);
torch::Device parseDevice(const char* device);
void requireNotNull(const void* p, const char* what);

// Serialises model construction so that "seed -> weights" holds even when trials build models
// on several threads at once: libtorch initialises from one global generator.
std::mutex& initMutex();

// One face for native nn modules and TorchScript modules, so the trainer does not care which.
struct ModelImpl {
    explicit ModelImpl(torch::Device d) : device(d) {}
    virtual ~ModelImpl() = default;
    virtual torch::Tensor forward(const torch::Tensor& x) = 0;
    virtual std::vector<torch::Tensor> parameters() = 0;
    virtual void setTraining(bool on) = 0;
    virtual void save(torch::serialize::OutputArchive& archive) = 0;
    virtual void load(torch::serialize::InputArchive& archive) = 0;
    torch::Device device;
};

}  // namespace lrc

struct lrcTensor {
    torch::Tensor value;
};

// shared_ptr so a trainer can outlive the handle the caller disposes.
struct lrcModel {
    std::shared_ptr<lrc::ModelImpl> impl;
};
