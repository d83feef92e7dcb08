using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace LrCluster.Training.Torch;

/// <summary>
/// Trains one model on a device-resident data set with one of PyTorch's optimizers, a step at a
/// time, on the calling thread. Not thread-safe; the model must outlive the trainer.
/// </summary>
/// <remarks>
/// Per step: the batch's row indices are written into an index tensor the trainer keeps, the rows are gathered on the device, gradients are zeroed with one op on the
/// flat buffer, forward, loss, backward, and the flat optimizer updates every parameter at once. The
/// step's temporaries live in a dispose scope: native memory is freed at the end of the step, not
/// when the GC gets to it.
/// </remarks>
public sealed class TorchTrainer : IDisposable
{
    private const int EvaluationChunk = 8192;
    private const int StateFormat = 2;
    private static readonly byte[] StateMagic = "LRCS"u8.ToArray();

    private readonly TorchModel model;
    private readonly FlatParameters parameters;
    private readonly FlatOptimizer optimizer;
    private readonly Tensor x;
    private readonly Tensor y;
    private Tensor? indexTensor;
    private TensorAccessor<long>? indexWriter;
    private Tensor? generatorState;

    public TorchTrainer(TorchModel model, OptimizerSettings optimizer, Tensor x, Tensor y, LossKind loss)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (!Enum.IsDefined(loss))
        {
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "unknown loss kind");
        }

        CheckRows(x, y);
        TorchEngine.EnsureLoaded();
        this.model = model;
        Optimizer = optimizer;
        Loss = loss;

        // The trainer keeps its own handles: the caller may dispose its tensors; the data stays.
        this.x = x.device == model.Device ? x.alias() : x.to(model.Device);
        this.y = y.device == model.Device ? y.alias() : y.to(model.Device);
        parameters = new FlatParameters(model.Module);
        this.optimizer = FlatOptimizer.Create(parameters, optimizer);
        if (model.Stochastic && model.Device.type == DeviceType.CPU)
        {
            generatorState = SeededGeneratorState(model.Seed);
        }
    }

    public OptimizerSettings Optimizer { get; }

    public LossKind Loss { get; }

    /// <summary>Number of training samples (rows of x).</summary>
    public long Samples => x.shape[0];

    /// <summary>
    /// One optimizer step on the rows <paramref name="batchIndices"/> at learning rate
    /// <paramref name="lr"/>; <paramref name="momentum"/> sets SGD/RMSprop momentum or Adam's beta1
    /// when given (cyclical momentum). Returns the batch loss before the update.
    /// </summary>
    public double Step(ReadOnlySpan<long> batchIndices, double lr, double? momentum = null)
    {
        if (batchIndices.IsEmpty)
        {
            throw new ArgumentException("a batch needs at least one index", nameof(batchIndices));
        }

        if (!double.IsFinite(lr) || lr < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lr), lr, "learning rate must be finite and >= 0");
        }

        var index = IndexTensor(batchIndices);
        using var scope = NewDisposeScope();
        try
        {
            var rows = model.Device.type == DeviceType.CPU ? index : index.to(model.Device);
            var xb = x.index_select(0, rows);
            var yb = y.index_select(0, rows);
            parameters.Gradients.zero_();
            var loss = generatorState is not null ? StochasticForward(xb, yb) : Losses.Compute(Loss, model.Forward.call(xb), yb);
            loss.backward();
            // No no_grad scope needed: the flat buffers the optimizer updates do not require gradients
            // (the parameters that view them do, but they are not written through).
            optimizer.Step(lr, momentum);

            return loss.ToDouble();
        }
        catch (ExternalException e)
        {
            throw new TorchException(e.Message, e);
        }
    }

    /// <summary>Loss and metric over the whole of (x, y) in eval mode without gradients.</summary>
    public EvalResult Evaluate(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        CheckRows(x, y);
        var n = x.shape[0];
        if (n == 0)
        {
            throw new ArgumentException("cannot evaluate on an empty data set", nameof(x));
        }

        using var noGrad = no_grad();
        model.Module.eval();
        try
        {
            double lossSum = 0;
            double metricSum = 0;
            for (var start = 0L; start < n; start += EvaluationChunk)
            {
                using var scope = NewDisposeScope();
                var length = Math.Min(EvaluationChunk, n - start);
                var xb = x.narrow(0, start, length).to(model.Device);
                var yb = y.narrow(0, start, length).to(model.Device);
                var output = model.Forward.call(xb);
                lossSum += Losses.Compute(Loss, output, yb).ToDouble() * length;
                metricSum += Losses.MetricSum(Loss, output, yb);
            }

            return new EvalResult(lossSum / n, metricSum / n);
        }
        catch (ExternalException e)
        {
            throw new TorchException(e.Message, e);
        }
        finally
        {
            model.Module.train();
        }
    }

    /// <summary>Replaces the optimizer with a fresh one (no momentum or moment estimates); weights stay.</summary>
    public void ResetOptimizer() => optimizer.Reset();

    /// <summary>
    /// Parameters and buffers, optimizer state and, for a module that draws random numbers, its
    /// generator: restoring it and replaying the same batches reproduces the losses bit for bit on CPU.
    /// </summary>
    public byte[] SaveState()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(StateMagic);
            writer.Write(StateFormat);
            writer.Write((int)Optimizer.Kind);
            parameters.Values.Save(writer);
            var buffers = model.Module.named_buffers().ToArray();
            writer.Write(buffers.Length);
            foreach (var (name, buffer) in buffers)
            {
                writer.Write(name);
                buffer.Save(writer);
            }

            optimizer.Save(writer);
            writer.Write(generatorState is not null);
            generatorState?.Save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Restores a <see cref="SaveState"/> buffer taken from a trainer of the same architecture and optimizer kind.</summary>
    public void LoadState(ReadOnlySpan<byte> state)
    {
        if (state.IsEmpty)
        {
            throw new ArgumentException("state is empty", nameof(state));
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(state.ToArray()));
            if (!reader.ReadBytes(StateMagic.Length).AsSpan().SequenceEqual(StateMagic) || reader.ReadInt32() != StateFormat)
            {
                throw new TorchException("not an LrCluster trainer state (unknown format)");
            }

            var kind = (OptimizerKind)reader.ReadInt32();
            if (kind != Optimizer.Kind)
            {
                throw new TorchException($"the state was saved by a {kind} trainer, this one trains with {Optimizer.Kind}");
            }

            parameters.Values.Load(reader);
            var buffers = model.Module.named_buffers().ToDictionary(b => b.name, b => b.buffer);
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                if (!buffers.TryGetValue(name, out var buffer))
                {
                    throw new TorchException($"the state holds a buffer '{name}' this model does not have");
                }

                buffer.Load(reader);
            }

            optimizer.Load(reader);
            if (reader.ReadBoolean())
            {
                var saved = TensorExtensionMethods.Load(reader);
                generatorState?.Dispose();
                generatorState = saved;
            }

            parameters.Gradients.zero_();
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or ExternalException)
        {
            throw new TorchException($"not a usable trainer state: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        optimizer.Dispose();
        parameters.Dispose();
        indexWriter?.Dispose();
        indexTensor?.Dispose();
        generatorState?.Dispose();
        x.Dispose();
        y.Dispose();
    }

    private static void CheckRows(Tensor x, Tensor y)
    {
        if (x.dim() < 1 || y.dim() < 1)
        {
            throw new ArgumentException("x and y must have a leading sample dimension");
        }

        if (x.shape[0] != y.shape[0])
        {
            throw new ArgumentException($"x has {x.shape[0]} rows but y has {y.shape[0]}");
        }
    }

    /// <summary>The CPU generator's state right after seeding it with the trial's seed.</summary>
    private static Tensor SeededGeneratorState(long seed)
    {
        lock (TorchEngine.GeneratorGate)
        {
            var saved = torch.random.get_rng_state();
            torch.manual_seed(seed);
            var seeded = torch.random.get_rng_state();
            torch.random.set_rng_state(saved);
            saved.Dispose();
            return seeded;
        }
    }

    private Tensor IndexTensor(ReadOnlySpan<long> batch)
    {
        if (indexTensor is null || indexTensor.shape[0] != batch.Length)
        {
            // One index tensor for the trainer's life, written through an accessor that holds its data
            // pointer: a step creates no tensor for its batch (torch.tensor would copy a fresh array each time).
            indexWriter?.Dispose();
            indexTensor?.Dispose();
            indexTensor = torch.empty(batch.Length, ScalarType.Int64);
            indexWriter = indexTensor.data<long>();
        }

        indexWriter!.CopyFrom(batch);
        return indexTensor;
    }

    /// <summary>
    /// A module that may use dropout draws from the process-wide CPU generator in its forward pass;
    /// swap this trial's own generator state in around it so concurrent slots never share a stream and
    /// a checkpoint carries the trial's position in it. (On CUDA the draws come from the CUDA generator,
    /// which TorchSharp can seed but not save: GPU runs are not bit-reproducible anyway.)
    /// </summary>
    private Tensor StochasticForward(Tensor xb, Tensor yb)
    {
        lock (TorchEngine.GeneratorGate)
        {
            torch.random.set_rng_state(generatorState!);
            var loss = Losses.Compute(Loss, model.Forward.call(xb), yb);
            generatorState!.Dispose();
            generatorState = torch.random.get_rng_state().DetachFromDisposeScope();
            return loss;
        }
    }
}
