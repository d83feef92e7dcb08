// Errors, memory, runtime switches, devices and tensors.
#include "lrc_internal.h"

#include <torch/version.h>

namespace {
thread_local std::string lastError;
thread_local bool hasError = false;

torch::Tensor fromHost(const void* data, const int64_t* shape, int32_t ndim, torch::ScalarType type, const char* device) {
    lrc::requireNotNull(shape, "shape");
    if (ndim < 1 || ndim > 8) throw std::invalid_argument("ndim must be between 1 and 8, got " + std::to_string(ndim));
    std::vector<int64_t> sizes(shape, shape + ndim);
    int64_t count = 1;
    for (int64_t s : sizes) {
        if (s < 0) throw std::invalid_argument("tensor dimensions must be non-negative");
        count *= s;
    }
    if (count > 0) lrc::requireNotNull(data, "data");
    auto dev = lrc::parseDevice(device);
    // from_blob borrows the caller's memory, which is only valid for this call: clone before
    // leaving (to() alone would alias it on CPU).
    auto borrowed = torch::from_blob(const_cast<void*>(data), sizes, torch::TensorOptions().dtype(type));
    return dev.is_cpu() ? borrowed.clone() : borrowed.to(dev);
}
}  // namespace

namespace lrc {

void setError(const std::string& message) {
    lastError = message;
    hasError = true;
}

char* copyString(const std::string& s) {
    auto* out = static_cast<char*>(std::malloc(s.size() + 1));
    if (out == nullptr) throw std::bad_alloc();
    std::memcpy(out, s.c_str(), s.size() + 1);
    return out;
}

void requireNotNull(const void* p, const char* what) {
    if (p == nullptr) throw std::invalid_argument(std::string(what) + " must not be null");
}

std::mutex& initMutex() {
    static std::mutex m;
    return m;
}

// Our own parser: torch::Device's errors are terse and it knows nothing of what this build has.
torch::Device parseDevice(const char* device) {
    requireNotNull(device, "device");
    std::string s(device);
    if (s == "cpu") return torch::Device(torch::kCPU);
    const std::string cuda = "cuda";
    if (s.rfind(cuda, 0) != 0 || (s.size() > cuda.size() && s[cuda.size()] != ':')) {
        throw std::invalid_argument("unknown device '" + s + "': expected 'cpu', 'cuda' or 'cuda:N'");
    }
    int64_t index = 0;
    if (s.size() > cuda.size()) {
        std::string digits = s.substr(cuda.size() + 1);
        bool ok = !digits.empty() && digits.size() <= 4 &&
                  digits.find_first_not_of("0123456789") == std::string::npos;
        if (!ok) throw std::invalid_argument("bad CUDA device '" + s + "': expected 'cuda:N' with N a device index");
        index = std::stol(digits);
    }
    if (!torch::cuda::is_available()) {
        throw std::invalid_argument("device '" + s +
                                    "' requested but CUDA is not available (this libtorch is CPU-only or no GPU is visible); use 'cpu'");
    }
    auto count = static_cast<int64_t>(torch::cuda::device_count());
    if (index >= count) {
        throw std::invalid_argument("device '" + s + "' is out of range: " + std::to_string(count) +
                                    " CUDA device(s) visible (cuda:0..cuda:" + std::to_string(count - 1) + ")");
    }
    return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
}

}  // namespace lrc

extern "C" {

LRC_EXPORT char* lrcError_take(void) {
    if (!hasError) return nullptr;
    hasError = false;
    // malloc can fail here too; a null return then reads as "no message" rather than a crash.
    char* out = static_cast<char*>(std::malloc(lastError.size() + 1));
    if (out != nullptr) std::memcpy(out, lastError.c_str(), lastError.size() + 1);
    lastError.clear();
    return out;
}

LRC_EXPORT void lrcString_free(char* s) { std::free(s); }

LRC_EXPORT void lrcBuffer_free(void* buffer) { std::free(buffer); }

LRC_EXPORT int32_t lrcRuntime_version(char** versionOut) {
    return lrc::guard([&] {
        lrc::requireNotNull(versionOut, "versionOut");
        *versionOut = lrc::copyString(TORCH_VERSION);
    });
}

LRC_EXPORT int32_t lrcRuntime_cudaAvailable(int32_t* availableOut) {
    return lrc::guard([&] {
        lrc::requireNotNull(availableOut, "availableOut");
        *availableOut = torch::cuda::is_available() ? 1 : 0;
    });
}

LRC_EXPORT int32_t lrcRuntime_cudaDeviceCount(int32_t* countOut) {
    return lrc::guard([&] {
        lrc::requireNotNull(countOut, "countOut");
        *countOut = torch::cuda::is_available() ? static_cast<int32_t>(torch::cuda::device_count()) : 0;
    });
}

LRC_EXPORT int32_t lrcRuntime_setThreads(int32_t threads) {
    return lrc::guard([&] {
        if (threads < 1) throw std::invalid_argument("threads must be >= 1, got " + std::to_string(threads));
        torch::set_num_threads(threads);
    });
}

LRC_EXPORT int32_t lrcRuntime_getThreads(int32_t* threadsOut) {
    return lrc::guard([&] {
        lrc::requireNotNull(threadsOut, "threadsOut");
        *threadsOut = static_cast<int32_t>(torch::get_num_threads());
    });
}

LRC_EXPORT int32_t lrcRuntime_manualSeed(int64_t seed) {
    return lrc::guard([&] { torch::manual_seed(static_cast<uint64_t>(seed)); });
}

LRC_EXPORT int32_t lrcDevice_parse(const char* device, char** canonicalOut) {
    return lrc::guard([&] {
        lrc::requireNotNull(canonicalOut, "canonicalOut");
        *canonicalOut = lrc::copyString(lrc::parseDevice(device).str());
    });
}

LRC_EXPORT int32_t lrcTensor_fromFloats(const float* data, const int64_t* shape, int32_t ndim, const char* device, lrcTensor** out) {
    return lrc::guard([&] {
        lrc::requireNotNull(out, "out");
        *out = new lrcTensor{fromHost(data, shape, ndim, torch::kFloat32, device)};
    });
}

LRC_EXPORT int32_t lrcTensor_fromLongs(const int64_t* data, const int64_t* shape, int32_t ndim, const char* device, lrcTensor** out) {
    return lrc::guard([&] {
        lrc::requireNotNull(out, "out");
        *out = new lrcTensor{fromHost(data, shape, ndim, torch::kInt64, device)};
    });
}

LRC_EXPORT int32_t lrcTensor_dim(const lrcTensor* tensor, int32_t* dimOut) {
    return lrc::guard([&] {
        lrc::requireNotNull(tensor, "tensor");
        lrc::requireNotNull(dimOut, "dimOut");
        *dimOut = static_cast<int32_t>(tensor->value.dim());
    });
}

LRC_EXPORT int32_t lrcTensor_size(const lrcTensor* tensor, int32_t dim, int64_t* sizeOut) {
    return lrc::guard([&] {
        lrc::requireNotNull(tensor, "tensor");
        lrc::requireNotNull(sizeOut, "sizeOut");
        *sizeOut = tensor->value.size(dim);
    });
}

LRC_EXPORT void lrcTensor_dispose(lrcTensor* tensor) { delete tensor; }

}  // extern "C"
