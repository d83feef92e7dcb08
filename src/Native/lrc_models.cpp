// Models: a configurable MLP, a small image CNN, and TorchScript modules from disk.
#include "lrc_internal.h"

#include <torch/script.h>

#include <fstream>

namespace {

torch::Tensor activate(int32_t activation, const torch::Tensor& x) {
    switch (activation) {
        case LRC_ACT_RELU: return torch::relu(x);
        case LRC_ACT_TANH: return torch::tanh(x);
        case LRC_ACT_GELU: return torch::gelu(x);
        case LRC_ACT_LEAKY_RELU: return torch::leaky_relu(x, 0.01);
        case LRC_ACT_SIGMOID: return torch::sigmoid(x);
        default: throw std::invalid_argument("unknown activation " + std::to_string(activation));
    }
}

// A plain loop over Linear layers instead of nn::Sequential: Sequential boxes every call through
// AnyModule, which is measurable at the batch sizes a range test uses.
struct MlpNet : torch::nn::Module {
    MlpNet(int64_t in, const std::vector<int64_t>& hidden, int64_t out, int32_t act) : activation(act) {
        int64_t width = in;
        for (size_t i = 0; i <= hidden.size(); ++i) {
            int64_t next = i < hidden.size() ? hidden[i] : out;
            layers.push_back(register_module("fc" + std::to_string(i), torch::nn::Linear(width, next)));
            width = next;
        }
    }
    torch::Tensor forward(torch::Tensor x) {
        for (size_t i = 0; i + 1 < layers.size(); ++i) x = activate(activation, layers[i]->forward(x));
        return layers.back()->forward(x);
    }
    std::vector<torch::nn::Linear> layers;
    int32_t activation;
};

struct CnnNet : torch::nn::Module {
    CnnNet(int64_t h, int64_t w, int64_t classes) : height(h), width(w) {
        conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 8, 3).padding(1)));
        conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(8, 16, 3).padding(1)));
        fc = register_module("fc", torch::nn::Linear(16 * (h / 4) * (w / 4), classes));
    }
    torch::Tensor forward(torch::Tensor x) {
        // Accepts [N, H*W] rows as well as [N, 1, H, W] images, so tabular loaders need no reshaping.
        x = x.reshape({-1, 1, height, width});
        x = torch::max_pool2d(torch::relu(conv1->forward(x)), 2);
        x = torch::max_pool2d(torch::relu(conv2->forward(x)), 2);
        return fc->forward(x.flatten(1));
    }
    int64_t height;
    int64_t width;
    torch::nn::Conv2d conv1{nullptr};
    torch::nn::Conv2d conv2{nullptr};
    torch::nn::Linear fc{nullptr};
};

template <class Net>
struct NativeModel final : lrc::ModelImpl {
    NativeModel(std::shared_ptr<Net> n, torch::Device d) : ModelImpl(d), net(std::move(n)) {}
    torch::Tensor forward(const torch::Tensor& x) override { return net->forward(x); }
    std::vector<torch::Tensor> parameters() override { return net->parameters(); }
    void setTraining(bool on) override { net->train(on); }
    void save(torch::serialize::OutputArchive& archive) override { net->save(archive); }
    void load(torch::serialize::InputArchive& archive) override { net->load(archive); }
    std::shared_ptr<Net> net;
};

struct ScriptModel final : lrc::ModelImpl {
    ScriptModel(torch::jit::Module m, torch::Device d) : ModelImpl(d), module(std::move(m)) {}
    torch::Tensor forward(const torch::Tensor& x) override {
        std::vector<torch::jit::IValue> inputs{x};
        auto result = module.forward(inputs);
        if (!result.isTensor()) throw std::runtime_error("TorchScript forward must return a single Tensor");
        return result.toTensor();
    }
    std::vector<torch::Tensor> parameters() override {
        std::vector<torch::Tensor> out;
        for (const auto& p : module.parameters()) out.push_back(p);
        return out;
    }
    void setTraining(bool on) override { module.train(on); }
    void save(torch::serialize::OutputArchive& archive) override {
        for (const auto& p : module.named_parameters()) archive.write(p.name, p.value);
        for (const auto& b : module.named_buffers()) archive.write(b.name, b.value, /*is_buffer=*/true);
    }
    void load(torch::serialize::InputArchive& archive) override {
        for (const auto& p : module.named_parameters()) {
            torch::Tensor t = p.value;
            archive.read(p.name, t);
        }
        for (const auto& b : module.named_buffers()) {
            torch::Tensor t = b.value;
            archive.read(b.name, t, /*is_buffer=*/true);
        }
    }
    torch::jit::Module module;
};

template <class Net, class... Args>
lrcModel* build(const char* device, int64_t seed, Args&&... args) {
    auto dev = lrc::parseDevice(device);
    std::lock_guard<std::mutex> lock(lrc::initMutex());
    torch::manual_seed(static_cast<uint64_t>(seed));
    auto net = std::make_shared<Net>(std::forward<Args>(args)...);
    net->to(dev);
    return new lrcModel{std::make_shared<NativeModel<Net>>(std::move(net), dev)};
}

}  // namespace

extern "C" {

LRC_EXPORT int32_t lrcModel_createMlp(int64_t inFeatures, const int64_t* hidden, int32_t hiddenCount, int64_t outFeatures,
                                      int32_t activation, const char* device, int64_t seed, lrcModel** out) {
    return lrc::guard([&] {
        lrc::requireNotNull(out, "out");
        if (inFeatures < 1 || outFeatures < 1) throw std::invalid_argument("inFeatures and outFeatures must be >= 1");
        if (hiddenCount < 0 || (hiddenCount > 0 && hidden == nullptr)) throw std::invalid_argument("hidden must hold hiddenCount widths");
        std::vector<int64_t> widths(hidden, hidden + hiddenCount);
        for (int64_t w : widths) {
            if (w < 1) throw std::invalid_argument("every hidden width must be >= 1, got " + std::to_string(w));
        }
        activate(activation, torch::zeros({1}));  // rejects an unknown activation before building
        *out = build<MlpNet>(device, seed, inFeatures, widths, outFeatures, activation);
    });
}

LRC_EXPORT int32_t lrcModel_createCnn(int64_t height, int64_t width, int64_t classes, const char* device, int64_t seed, lrcModel** out) {
    return lrc::guard([&] {
        lrc::requireNotNull(out, "out");
        if (height < 4 || width < 4) throw std::invalid_argument("cnn needs images of at least 4x4 (two 2x2 poolings)");
        if (classes < 1) throw std::invalid_argument("classes must be >= 1");
        *out = build<CnnNet>(device, seed, height, width, classes);
    });
}

LRC_EXPORT int32_t lrcModel_loadTorchScript(const char* path, const char* device, int64_t seed, lrcModel** out) {
    return lrc::guard([&] {
        lrc::requireNotNull(out, "out");
        lrc::requireNotNull(path, "path");
        auto dev = lrc::parseDevice(device);
        // jit::load's own message for a missing file is an errno dump; name the path plainly.
        if (!std::ifstream(path).good()) throw std::runtime_error(std::string("TorchScript file not found or unreadable: ") + path);
        std::lock_guard<std::mutex> lock(lrc::initMutex());
        // The weights come from the file; the seed only fixes any randomness the module draws later.
        torch::manual_seed(static_cast<uint64_t>(seed));
        auto module = torch::jit::load(path, dev);
        *out = new lrcModel{std::make_shared<ScriptModel>(std::move(module), dev)};
    });
}

LRC_EXPORT int32_t lrcModel_parameterCount(const lrcModel* model, int64_t* countOut) {
    return lrc::guard([&] {
        lrc::requireNotNull(model, "model");
        lrc::requireNotNull(countOut, "countOut");
        int64_t n = 0;
        for (const auto& p : model->impl->parameters()) n += p.numel();
        *countOut = n;
    });
}

LRC_EXPORT void lrcModel_dispose(lrcModel* model) { delete model; }

}  // extern "C"
