using System.Runtime.InteropServices;

namespace LrCluster.Training.Torch;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial int lrcTrainer_create(
        ModelHandle model, NativeOptimizerSpec* optimizer, TensorHandle x, TensorHandle y, int loss, out TrainerHandle trainer);

    [LibraryImport(Library)]
    internal static partial int lrcTrainer_step(TrainerHandle trainer, long* batchIdx, long batchSize, double lr, double momentumOrBeta1, double* lossOut);

    [LibraryImport(Library)]
    internal static partial int lrcTrainer_evaluate(TrainerHandle trainer, TensorHandle x, TensorHandle y, double* lossOut, double* metricOut);

    [LibraryImport(Library)]
    internal static partial int lrcTrainer_resetOptimizer(TrainerHandle trainer);

    [LibraryImport(Library)]
    internal static partial int lrcTrainer_saveState(TrainerHandle trainer, IntPtr* dataOut, long* sizeOut);

    [LibraryImport(Library)]
    internal static partial int lrcTrainer_loadState(TrainerHandle trainer, byte* data, long size);

    [LibraryImport(Library)]
    internal static partial void lrcTrainer_dispose(IntPtr trainer);
}
