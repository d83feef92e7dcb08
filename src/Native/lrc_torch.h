/*
 * lrc_torch: the C surface LrCluster P/Invokes to reach libtorch.
 *
 * Conventions (the C# side relies on every one of them):
 *  - Every function returns int32_t: 0 on success, non-zero on failure. On failure the message is
 *    kept in a thread-local slot; take it with lrcError_take (malloc'd copy, free with
 *    lrcString_free). A status code rather than a sentinel keeps the per-step path to one call.
 *  - Handles are opaque pointers; each type has its own _dispose, which accepts NULL.
 *  - Results come back through out-pointers so the status code stays the only return value.
 *  - Host buffers passed in are copied before the call returns; the caller keeps ownership.
 */
#ifndef LRC_TORCH_H
#define LRC_TORCH_H

#include <stdint.h>

#if defined(_WIN32)
#define LRC_EXPORT __declspec(dllexport)
#else
#define LRC_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lrcTensor lrcTensor;
typedef struct lrcModel lrcModel;
typedef struct lrcTrainer lrcTrainer;

/* Kept in step with LrCluster.Training.Torch.LossKind. */
enum lrcLossKind { LRC_LOSS_MSE = 0, LRC_LOSS_CROSS_ENTROPY = 1, LRC_LOSS_L1 = 2, LRC_LOSS_HUBER = 3, LRC_LOSS_BCE_WITH_LOGITS = 4 };
/* Kept in step with LrCluster.Training.Torch.Activation. */
enum lrcActivation { LRC_ACT_RELU = 0, LRC_ACT_TANH = 1, LRC_ACT_GELU = 2, LRC_ACT_LEAKY_RELU = 3, LRC_ACT_SIGMOID = 4 };
/* Kept in step with LrCluster.Training.Torch.OptimizerKind. */
enum lrcOptimizerKind { LRC_OPT_SGD = 0, LRC_OPT_ADAM = 1, LRC_OPT_ADAMW = 2, LRC_OPT_RMSPROP = 3 };

/* One struct for every optimizer so the ABI does not grow a function per kind; fields a kind does
 * not use are ignored. Layout mirrors NativeOptimizerSpec in C#. */
typedef struct lrcOptimizerSpec {
    int32_t kind;
    int32_t nesterov;
    double lr;
    double momentum;
    double dampening;
    double weightDecay;
    double beta1;
    double beta2;
    double eps;
    double alpha;
} lrcOptimizerSpec;

/* errors and memory */
LRC_EXPORT char* lrcError_take(void);
LRC_EXPORT void lrcString_free(char* s);
LRC_EXPORT void lrcBuffer_free(void* buffer);

/* runtime */
LRC_EXPORT int32_t lrcRuntime_version(char** versionOut);
LRC_EXPORT int32_t lrcRuntime_cudaAvailable(int32_t* availableOut);
LRC_EXPORT int32_t lrcRuntime_cudaDeviceCount(int32_t* countOut);
LRC_EXPORT int32_t lrcRuntime_setThreads(int32_t threads);
LRC_EXPORT int32_t lrcRuntime_getThreads(int32_t* threadsOut);
LRC_EXPORT int32_t lrcRuntime_manualSeed(int64_t seed);

/* devices: "cpu", "cuda", "cuda:N"; writes the canonical name (malloc'd) */
LRC_EXPORT int32_t lrcDevice_parse(const char* device, char** canonicalOut);

/* tensors */
LRC_EXPORT int32_t lrcTensor_fromFloats(const float* data, const int64_t* shape, int32_t ndim, const char* device, lrcTensor** out);
LRC_EXPORT int32_t lrcTensor_fromLongs(const int64_t* data, const int64_t* shape, int32_t ndim, const char* device, lrcTensor** out);
LRC_EXPORT int32_t lrcTensor_dim(const lrcTensor* tensor, int32_t* dimOut);
LRC_EXPORT int32_t lrcTensor_size(const lrcTensor* tensor, int32_t dim, int64_t* sizeOut);
LRC_EXPORT void lrcTensor_dispose(lrcTensor* tensor);

/* models; construction seeds the global generator under a lock so concurrent trials initialise
 * reproducibly */
LRC_EXPORT int32_t lrcModel_createMlp(int64_t inFeatures, const int64_t* hidden, int32_t hiddenCount, int64_t outFeatures,
                                      int32_t activation, const char* device, int64_t seed, lrcModel** out);
LRC_EXPORT int32_t lrcModel_createCnn(int64_t height, int64_t width, int64_t classes, const char* device, int64_t seed, lrcModel** out);
LRC_EXPORT int32_t lrcModel_loadTorchScript(const char* path, const char* device, int64_t seed, lrcModel** out);
LRC_EXPORT int32_t lrcModel_parameterCount(const lrcModel* model, int64_t* countOut);
LRC_EXPORT void lrcModel_dispose(lrcModel* model);

/* trainers: own a fresh optimizer over the model's parameters and keep the model and data alive */
LRC_EXPORT int32_t lrcTrainer_create(lrcModel* model, const lrcOptimizerSpec* optimizer, const lrcTensor* x, const lrcTensor* y,
                                     int32_t loss, lrcTrainer** out);
LRC_EXPORT int32_t lrcTrainer_step(lrcTrainer* trainer, const int64_t* batchIdx, int64_t batchSize, double lr,
                                   double momentumOrBeta1 /* NaN = leave */, double* lossOut);
LRC_EXPORT int32_t lrcTrainer_evaluate(lrcTrainer* trainer, const lrcTensor* x, const lrcTensor* y, double* lossOut, double* metricOut);
LRC_EXPORT int32_t lrcTrainer_resetOptimizer(lrcTrainer* trainer);
/* state: malloc'd buffer, free with lrcBuffer_free */
LRC_EXPORT int32_t lrcTrainer_saveState(lrcTrainer* trainer, uint8_t** dataOut, int64_t* sizeOut);
LRC_EXPORT int32_t lrcTrainer_loadState(lrcTrainer* trainer, const uint8_t* data, int64_t size);
LRC_EXPORT void lrcTrainer_dispose(lrcTrainer* trainer);

#ifdef __cplusplus
}
#endif

#endif
