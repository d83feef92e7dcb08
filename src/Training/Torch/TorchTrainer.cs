namespace LrCluster.Training.Torch;

/// <summary>
/// Trains one model on a device-resident data set: one native call per step (batch gather,
/// forward, loss, backward, hyper-parameter update, optimizer step). Not thread-safe.
/// </summary>
/// <remarks>
/// The native trainer holds its own references to the model and the data, so disposing those
/// before the trainer is safe; the fields below only keep the managed wrappers reachable.
/// </remarks>
public sealed class TorchTrainer : IDisposable
{
    private readonly TrainerHandle handle;
    private readonly TorchModel model;
    private readonly TorchTensor x;
    private readonly TorchTensor y;

    public unsafe TorchTrainer(TorchModel model, OptimizerSettings optimizer, double initialLr, TorchTensor x, TorchTensor y, LossKind loss)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (!double.IsFinite(initialLr) || initialLr < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(initialLr), initialLr, "learning rate must be finite and >= 0");
        }

        if (!Enum.IsDefined(optimizer.Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer.Kind, "unknown optimizer kind");
        }

        if (!Enum.IsDefined(loss))
        {
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "unknown loss kind");
        }

        this.model = model;
        this.x = x;
        this.y = y;
        Optimizer = optimizer;
        Loss = loss;
        var spec = NativeOptimizerSpec.From(optimizer, initialLr);
        NativeMethods.Check(NativeMethods.lrcTrainer_create(model.Handle, &spec, x.Handle, y.Handle, (int)loss, out handle));
    }

    public OptimizerSettings Optimizer { get; }

    public LossKind Loss { get; }

    public TorchModel Model => model;

    /// <summary>Number of training samples (rows of x).</summary>
    public long Samples => x.Rows;

    /// <summary>
    /// One optimizer step on the rows <paramref name="batchIndices"/> at learning rate
    /// <paramref name="lr"/>; <paramref name="momentum"/> sets SGD/RMSprop momentum or Adam's beta1
    /// when given (cyclical momentum). Returns the batch loss before the update.
    /// </summary>
    public unsafe double Step(ReadOnlySpan<long> batchIndices, double lr, double? momentum = null)
    {
        if (batchIndices.IsEmpty)
        {
            throw new ArgumentException("a batch needs at least one index", nameof(batchIndices));
        }

        double loss;
        fixed (long* idx = batchIndices)
        {
            NativeMethods.Check(NativeMethods.lrcTrainer_step(handle, idx, batchIndices.Length, lr, momentum ?? double.NaN, &loss));
        }

        return loss;
    }

    /// <summary>Loss and metric over the whole of (x, y) in eval mode without gradients.</summary>
    public unsafe EvalResult Evaluate(TorchTensor x, TorchTensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        double loss;
        double metric;
        NativeMethods.Check(NativeMethods.lrcTrainer_evaluate(handle, x.Handle, y.Handle, &loss, &metric));
        return new EvalResult(loss, metric);
    }

    /// <summary>Replaces the optimizer with a fresh one (no momentum or moment estimates); weights stay.</summary>
    public void ResetOptimizer() => NativeMethods.Check(NativeMethods.lrcTrainer_resetOptimizer(handle));

    /// <summary>
    /// Model parameters and buffers, optimizer state and the global generator state(s); restoring
    /// it and replaying the same batches reproduces the losses bit for bit on CPU.
    /// </summary>
    public unsafe byte[] SaveState()
    {
        IntPtr data;
        long size;
        NativeMethods.Check(NativeMethods.lrcTrainer_saveState(handle, &data, &size));
        try
        {
            return new ReadOnlySpan<byte>((void*)data, checked((int)size)).ToArray();
        }
        finally
        {
            NativeMethods.lrcBuffer_free(data);
        }
    }

    /// <summary>Restores a <see cref="SaveState"/> buffer taken from a trainer of the same architecture and optimizer kind.</summary>
    public unsafe void LoadState(ReadOnlySpan<byte> state)
    {
        if (state.IsEmpty)
        {
            throw new ArgumentException("state is empty", nameof(state));
        }

        fixed (byte* p = state)
        {
            NativeMethods.Check(NativeMethods.lrcTrainer_loadState(handle, p, state.Length));
        }
    }

    public void Dispose() => handle.Dispose();
}
