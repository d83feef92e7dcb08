// The trainer: optimizer construction, the fused training step, evaluation and exact checkpoints.
#include "lrc_internal.h"

#include <cmath>

struct lrcTrainer {
    std::shared_ptr<lrc::ModelImpl> model;
    lrcOptimizerSpec spec{};
    std::vector<torch::Tensor> params;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    torch::Tensor x;
    torch::Tensor y;
    int32_t loss = 0;
};

namespace {

constexpr int64_t kEvalChunk = 8192;
constexpr int64_t kStateFormat = 1;

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const lrcOptimizerSpec& s, const std::vector<torch::Tensor>& params) {
    if (!(s.lr >= 0)) throw std::invalid_argument("learning rate must be >= 0");
    switch (s.kind) {
        case LRC_OPT_SGD:
            return std::make_unique<torch::optim::SGD>(params, torch::optim::SGDOptions(s.lr)
                                                                   .momentum(s.momentum)
                                                                   .dampening(s.dampening)
                                                                   .nesterov(s.nesterov != 0)
                                                                   .weight_decay(s.weightDecay));
        case LRC_OPT_ADAM:
            return std::make_unique<torch::optim::Adam>(
                params, torch::optim::AdamOptions(s.lr).betas({s.beta1, s.beta2}).eps(s.eps).weight_decay(s.weightDecay));
        case LRC_OPT_ADAMW:
            return std::make_unique<torch::optim::AdamW>(
                params, torch::optim::AdamWOptions(s.lr).betas({s.beta1, s.beta2}).eps(s.eps).weight_decay(s.weightDecay));
        case LRC_OPT_RMSPROP:
            return std::make_unique<torch::optim::RMSprop>(params, torch::optim::RMSpropOptions(s.lr)
                                                                       .alpha(s.alpha)
                                                                       .eps(s.eps)
                                                                       .momentum(s.momentum)
                                                                       .weight_decay(s.weightDecay));
        default: throw std::invalid_argument("unknown optimizer kind " + std::to_string(s.kind));
    }
}

void setHyper(lrcTrainer& t, double lr, double momentumOrBeta1) {
    bool setMomentum = !std::isnan(momentumOrBeta1);
    for (auto& group : t.optimizer->param_groups()) {
        auto& options = group.options();
        options.set_lr(lr);
        if (!setMomentum) continue;
        switch (t.spec.kind) {
            case LRC_OPT_SGD: static_cast<torch::optim::SGDOptions&>(options).momentum(momentumOrBeta1); break;
            case LRC_OPT_RMSPROP: static_cast<torch::optim::RMSpropOptions&>(options).momentum(momentumOrBeta1); break;
            case LRC_OPT_ADAM: {
                auto& o = static_cast<torch::optim::AdamOptions&>(options);
                o.betas({momentumOrBeta1, std::get<1>(o.betas())});
                break;
            }
            case LRC_OPT_ADAMW: {
                auto& o = static_cast<torch::optim::AdamWOptions&>(options);
                o.betas({momentumOrBeta1, std::get<1>(o.betas())});
                break;
            }
        }
    }
}

// A single-output regressor emits [B, 1] while targets are usually [B]; broadcasting those would
// silently compute a [B, B] loss.
torch::Tensor alignToTarget(const torch::Tensor& out, const torch::Tensor& target) {
    if (out.dim() == 2 && out.size(1) == 1 && target.dim() == 1) return out.squeeze(1);
    return out;
}

torch::Tensor computeLoss(int32_t kind, const torch::Tensor& rawOut, const torch::Tensor& target) {
    if (kind == LRC_LOSS_CROSS_ENTROPY) {
        if (target.scalar_type() != torch::kLong) throw std::invalid_argument("cross_entropy needs int64 class labels as y");
        return torch::cross_entropy_loss(rawOut, target);
    }
    auto out = alignToTarget(rawOut, target);
    switch (kind) {
        case LRC_LOSS_MSE: return torch::mse_loss(out, target);
        case LRC_LOSS_L1: return torch::l1_loss(out, target);
        case LRC_LOSS_HUBER: return torch::huber_loss(out, target, at::Reduction::Mean, 1.0);
        case LRC_LOSS_BCE_WITH_LOGITS: return torch::binary_cross_entropy_with_logits(out, target);
        default: throw std::invalid_argument("unknown loss kind " + std::to_string(kind));
    }
}

// Sum over the chunk of the per-sample metric, so chunks of any size average correctly.
double metricSum(int32_t kind, const torch::Tensor& rawOut, const torch::Tensor& target) {
    int64_t rows = rawOut.size(0);
    if (kind == LRC_LOSS_CROSS_ENTROPY) return rawOut.argmax(1).eq(target).sum().item<double>();
    auto out = alignToTarget(rawOut, target);
    if (kind == LRC_LOSS_BCE_WITH_LOGITS) {
        return out.gt(0).eq(target.gt(0.5)).to(torch::kDouble).mean().item<double>() * static_cast<double>(rows);
    }
    return (out - target).abs().to(torch::kDouble).mean().item<double>() * static_cast<double>(rows);
}

void checkData(const torch::Tensor& x, const torch::Tensor& y) {
    if (x.dim() < 1 || y.dim() < 1) throw std::invalid_argument("x and y must have a leading sample dimension");
    if (x.size(0) != y.size(0)) {
        throw std::invalid_argument("x has " + std::to_string(x.size(0)) + " rows but y has " + std::to_string(y.size(0)));
    }
}

// Restores training mode even when evaluation throws, so the next step is not silently in eval.
struct EvalModeScope {
    explicit EvalModeScope(lrc::ModelImpl& m) : model(m) { model.setTraining(false); }
    ~EvalModeScope() { model.setTraining(true); }
    lrc::ModelImpl& model;
};

}  // namespace

extern "C" {

LRC_EXPORT int32_t lrcTrainer_create(lrcModel* model, const lrcOptimizerSpec* optimizer, const lrcTensor* x, const lrcTensor* y,
                                     int32_t loss, lrcTrainer** out) {
    return lrc::guard([&] {
        lrc::requireNotNull(model, "model");
        lrc::requireNotNull(optimizer, "optimizer");
        lrc::requireNotNull(x, "x");
        lrc::requireNotNull(y, "y");
        lrc::requireNotNull(out, "out");
        if (loss < LRC_LOSS_MSE || loss > LRC_LOSS_BCE_WITH_LOGITS) throw std::invalid_argument("unknown loss kind " + std::to_string(loss));
        checkData(x->value, y->value);
        auto t = std::make_unique<lrcTrainer>();
        t->model = model->impl;
        t->spec = *optimizer;
        t->params = t->model->parameters();
        t->optimizer = makeOptimizer(t->spec, t->params);
        // The dataset lives where the model does, so a step never crosses the host boundary.
        t->x = x->value.to(t->model->device);
        t->y = y->value.to(t->model->device);
        t->loss = loss;
        t->model->setTraining(true);
        *out = t.release();
    });
}

LRC_EXPORT int32_t lrcTrainer_step(lrcTrainer* trainer, const int64_t* batchIdx, int64_t batchSize, double lr, double momentumOrBeta1,
                                   double* lossOut) {
    return lrc::guard([&] {
        lrc::requireNotNull(trainer, "trainer");
        lrc::requireNotNull(batchIdx, "batchIdx");
        lrc::requireNotNull(lossOut, "lossOut");
        if (batchSize < 1) throw std::invalid_argument("batch size must be >= 1");
        if (!(lr >= 0) || std::isinf(lr)) throw std::invalid_argument("learning rate must be finite and >= 0");
        auto& t = *trainer;
        // Borrowing the caller's indices is safe: index_select consumes them before we return.
        auto idx = torch::from_blob(const_cast<int64_t*>(batchIdx), {batchSize}, torch::kLong);
        if (!t.model->device.is_cpu()) idx = idx.to(t.model->device);
        auto xb = t.x.index_select(0, idx);
        auto yb = t.y.index_select(0, idx);
        // Dropping gradients (PyTorch's set_to_none) skips a zero-fill kernel per parameter.
        for (auto& p : t.params) p.mutable_grad() = torch::Tensor();
        setHyper(t, lr, momentumOrBeta1);
        auto loss = computeLoss(t.loss, t.model->forward(xb), yb);
        loss.backward();
        t.optimizer->step();
        *lossOut = loss.item<double>();
    });
}

LRC_EXPORT int32_t lrcTrainer_evaluate(lrcTrainer* trainer, const lrcTensor* x, const lrcTensor* y, double* lossOut, double* metricOut) {
    return lrc::guard([&] {
        lrc::requireNotNull(trainer, "trainer");
        lrc::requireNotNull(x, "x");
        lrc::requireNotNull(y, "y");
        lrc::requireNotNull(lossOut, "lossOut");
        lrc::requireNotNull(metricOut, "metricOut");
        checkData(x->value, y->value);
        int64_t n = x->value.size(0);
        if (n == 0) throw std::invalid_argument("cannot evaluate on an empty data set");
        auto& t = *trainer;
        torch::NoGradGuard noGrad;
        EvalModeScope evalMode(*t.model);
        auto xs = x->value.to(t.model->device);
        auto ys = y->value.to(t.model->device);
        double lossSum = 0;
        double metric = 0;
        for (int64_t start = 0; start < n; start += kEvalChunk) {
            int64_t len = std::min(kEvalChunk, n - start);
            auto xb = xs.narrow(0, start, len);
            auto yb = ys.narrow(0, start, len);
            auto out = t.model->forward(xb);
            lossSum += computeLoss(t.loss, out, yb).item<double>() * static_cast<double>(len);
            metric += metricSum(t.loss, out, yb);
        }
        *lossOut = lossSum / static_cast<double>(n);
        *metricOut = metric / static_cast<double>(n);
    });
}

LRC_EXPORT int32_t lrcTrainer_resetOptimizer(lrcTrainer* trainer) {
    return lrc::guard([&] {
        lrc::requireNotNull(trainer, "trainer");
        for (auto& p : trainer->params) p.mutable_grad() = torch::Tensor();
        trainer->optimizer = makeOptimizer(trainer->spec, trainer->params);
    });
}

LRC_EXPORT int32_t lrcTrainer_saveState(lrcTrainer* trainer, uint8_t** dataOut, int64_t* sizeOut) {
    return lrc::guard([&] {
        lrc::requireNotNull(trainer, "trainer");
        lrc::requireNotNull(dataOut, "dataOut");
        lrc::requireNotNull(sizeOut, "sizeOut");
        auto& t = *trainer;
        torch::serialize::OutputArchive root;
        torch::serialize::OutputArchive modelArchive;
        torch::serialize::OutputArchive optimizerArchive;
        t.model->save(modelArchive);
        t.optimizer->save(optimizerArchive);
        root.write("lrc.format", c10::IValue(kStateFormat));
        root.write("model", modelArchive);
        root.write("optimizer", optimizerArchive);
        {
            auto gen = at::detail::getDefaultCPUGenerator();
            std::lock_guard<std::mutex> lock(gen.mutex());
            root.write("rng.cpu", gen.get_state());
        }
        if (t.model->device.is_cuda()) {
            auto gen = at::globalContext().defaultGenerator(t.model->device);
            std::lock_guard<std::mutex> lock(gen.mutex());
            root.write("rng.cuda", gen.get_state());
        }
        std::string bytes;
        root.save_to([&](const void* data, size_t size) -> size_t {
            bytes.append(static_cast<const char*>(data), size);
            return size;
        });
        auto* buffer = static_cast<uint8_t*>(std::malloc(bytes.empty() ? 1 : bytes.size()));
        if (buffer == nullptr) throw std::bad_alloc();
        std::memcpy(buffer, bytes.data(), bytes.size());
        *dataOut = buffer;
        *sizeOut = static_cast<int64_t>(bytes.size());
    });
}

LRC_EXPORT int32_t lrcTrainer_loadState(lrcTrainer* trainer, const uint8_t* data, int64_t size) {
    return lrc::guard([&] {
        lrc::requireNotNull(trainer, "trainer");
        lrc::requireNotNull(data, "data");
        if (size <= 0) throw std::invalid_argument("state buffer is empty");
        auto& t = *trainer;
        torch::serialize::InputArchive root;
        // Mapping onto the model's device lets a checkpoint taken on one GPU resume on another.
        root.load_from(reinterpret_cast<const char*>(data), static_cast<size_t>(size), t.model->device);
        c10::IValue format;
        root.read("lrc.format", format);
        if (!format.isInt() || format.toInt() != kStateFormat) throw std::runtime_error("not an lrc trainer state (unknown format)");
        torch::serialize::InputArchive modelArchive;
        torch::serialize::InputArchive optimizerArchive;
        root.read("model", modelArchive);
        root.read("optimizer", optimizerArchive);
        t.model->load(modelArchive);
        t.optimizer->load(optimizerArchive);
        torch::Tensor cpuState;
        root.read("rng.cpu", cpuState);
        {
            auto gen = at::detail::getDefaultCPUGenerator();
            std::lock_guard<std::mutex> lock(gen.mutex());
            gen.set_state(cpuState.to(torch::kCPU));
        }
        torch::Tensor cudaState;
        if (t.model->device.is_cuda() && root.try_read("rng.cuda", cudaState)) {
            auto gen = at::globalContext().defaultGenerator(t.model->device);
            std::lock_guard<std::mutex> lock(gen.mutex());
            gen.set_state(cudaState.to(torch::kCPU));
        }
        for (auto& p : t.params) p.mutable_grad() = torch::Tensor();
    });
}

LRC_EXPORT void lrcTrainer_dispose(lrcTrainer* trainer) { delete trainer; }

}  // extern "C"
