// Bare C++ peer of the range-test trial benchmark: the same loop as the C# TorchTrainer path with
// no managed code and no shim in between, i.e. the floor our per-step overhead is measured against.
// Reads the digits CSV already decompressed by bench/run.sh.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Net : torch::nn::Module {
    Net() {
        fc0 = register_module("fc0", torch::nn::Linear(64, 128));
        fc1 = register_module("fc1", torch::nn::Linear(128, 128));
        fc2 = register_module("fc2", torch::nn::Linear(128, 10));
    }
    torch::Tensor forward(torch::Tensor x) {
        return fc2->forward(torch::relu(fc1->forward(torch::relu(fc0->forward(x)))));
    }
    torch::nn::Linear fc0{nullptr}, fc1{nullptr}, fc2{nullptr};
};

void loadDigits(const std::string& path, torch::Tensor& x, torch::Tensor& y) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::vector<double> values;
    std::vector<int64_t> labels;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::stringstream s(line);
        std::string cell;
        for (int c = 0; c < 65 && std::getline(s, cell, ','); ++c) {
            if (c < 64) values.push_back(std::stod(cell)); else labels.push_back(std::stoll(cell));
        }
    }
    auto n = static_cast<int64_t>(labels.size());
    auto raw = torch::from_blob(values.data(), {n, 64}, torch::kDouble).clone();
    auto std = raw.std(0, /*unbiased=*/false);
    std.masked_fill_(std == 0, 1);
    x = ((raw - raw.mean(0)) / std).to(torch::kFloat).contiguous();
    y = torch::from_blob(labels.data(), {n}, torch::kLong).clone();
}

std::pair<double, double> trial(const torch::Tensor& x, const torch::Tensor& y, int steps, int64_t batch,
                                const std::vector<double>& lrs, uint64_t seed) {
    torch::manual_seed(seed);
    auto model = std::make_shared<Net>();
    torch::optim::SGD opt(model->parameters(), torch::optim::SGDOptions(lrs[0]).momentum(0.9));
    auto params = model->parameters();
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    int64_t n = x.size(0), pos = n;
    torch::Tensor perm;
    double loss = NAN;
    auto start = std::chrono::steady_clock::now();
    for (int step = 0; step < steps; ++step) {
        if (pos + batch > n) {
            perm = torch::randperm(n, gen, torch::kLong);
            pos = 0;
        }
        auto idx = perm.narrow(0, pos, batch);
        pos += batch;
        auto xb = x.index_select(0, idx);
        auto yb = y.index_select(0, idx);
        for (auto& p : params) p.mutable_grad() = torch::Tensor();
        for (auto& group : opt.param_groups()) group.options().set_lr(lrs[step]);
        auto out = torch::cross_entropy_loss(model->forward(xb), yb);
        out.backward();
        opt.step();
        loss = out.item<double>();
    }
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    return {steps / elapsed.count(), loss};
}

}  // namespace

int main(int argc, char** argv) {
    std::string data;
    int threads = 1, steps = 2000, repeats = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i];
        if (k == "--data") data = argv[i + 1];
        else if (k == "--threads") threads = std::stoi(argv[i + 1]);
        else if (k == "--steps") steps = std::stoi(argv[i + 1]);
        else if (k == "--repeats") repeats = std::stoi(argv[i + 1]);
    }
    torch::set_num_threads(threads);
    torch::Tensor x, y;
    loadDigits(data, x, y);
    std::vector<double> lrs(steps);
    for (int i = 0; i < steps; ++i) lrs[i] = 1e-4 * std::pow(1.0 / 1e-4, static_cast<double>(i) / (steps - 1));
    trial(x, y, std::min(steps, 200), 64, lrs, 0);  // warm-up, discarded
    std::vector<double> rates;
    double lastLoss = NAN;
    for (int r = 0; r < repeats; ++r) {
        auto [rate, loss] = trial(x, y, steps, 64, lrs, r + 1);
        rates.push_back(rate);
        lastLoss = loss;
    }
    auto sorted = rates;
    std::sort(sorted.begin(), sorted.end());
    std::printf("impl=cpp threads=%d steps=%d repeats=%d median_steps_per_s=%.1f best_steps_per_s=%.1f final_loss=%.4f\n",
                static_cast<int>(torch::get_num_threads()), steps, repeats, sorted[sorted.size() / 2], sorted.back(), lastLoss);
}
