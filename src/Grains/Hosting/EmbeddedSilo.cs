using System.Diagnostics;
using LrCluster.Grains.Store;
using LrCluster.Grains.Sweeps;
using LrCluster.Grains.Trials;
using LrCluster.Training.Runners;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LrCluster.Grains.Hosting;

/// <summary>
/// One in-process Orleans silo with the same grains, slots and store path as a cluster silo: what <c>lrc run</c> (on
/// SQLite or <c>--store postgres://...</c>) and the grain tests run. Localhost clustering on free ports and a cluster id
/// of its own, so two runs at once (or parallel tests) never share ports or take each other's trials.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host, TimeSpan started)
    {
        _host = host;
        StartTime = started;
    }

    /// <summary>How long the silo took to start (build, join, activate).</summary>
    public TimeSpan StartTime { get; }

    /// <summary>How long the last stop took (hand-back and Orleans' shutdown); zero before.</summary>
    public TimeSpan StopTime { get; private set; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<EmbeddedSilo> StartAsync(ISweepStore store, ITrainerFactory trainers, ClusterOptions options,
        Action<TrialProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        options.ClusterId = options.ClusterId == SweepRecord.DefaultCluster ? $"run-{Guid.NewGuid():N}"[..16] : options.ClusterId;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(trainers);
        builder.UseOrleans(silo =>
        {
            silo.UseLrcClustering($"sqlite:embedded", new OrleansSettings
            {
                SiloPort = 0,
                GatewayPort = 0,
                ClusterId = options.ClusterId,
                ServiceId = "lrcluster-run",
            });
            silo.AddLrcGrains(options, store);
        });
        var host = builder.Build();
        if (progress is not null)
        {
            host.Services.GetRequiredService<TrialEvents>().Watch(progress);
        }

        await host.StartAsync(cancellation).ConfigureAwait(false);
        return new EmbeddedSilo(host, clock.Elapsed);
    }

    /// <summary>Submits the spec and waits until the sweep is final; cancelling cancels the sweep (its trials stop) and still waits for its end.</summary>
    public async Task<SweepState> RunSweepAsync(SweepSubmission submission, CancellationToken cancellation)
    {
        var store = _host.Services.GetRequiredService<ISweepStore>();
        var watchers = _host.Services.GetRequiredService<SweepWatchers>();
        await Grains.GetGrain<ISweepGrain>(submission.Id).Submit(submission).ConfigureAwait(false);
        var cancelled = false;
        while (true)
        {
            if (store.GetSweep(submission.Id) is { IsFinal: true } sweep)
            {
                return sweep.State;
            }

            if (cancellation.IsCancellationRequested && !cancelled)
            {
                cancelled = true;
                await Grains.GetGrain<ISweepGrain>(submission.Id).Cancel().ConfigureAwait(false);
                continue;
            }

            try
            {
                // The coordinator says when the sweep ends; the store is asked again every second regardless.
                await watchers.Ended(submission.Id, cancelled ? CancellationToken.None : cancellation).WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        var clock = Stopwatch.StartNew();
        await _host.StopAsync().ConfigureAwait(false);
        StopTime = clock.Elapsed;
        _host.Dispose();
    }
}
