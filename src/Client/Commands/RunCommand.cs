using System.CommandLine;
using LrCluster.Client.Reports;
using LrCluster.Core.Spec;
using LrCluster.Grains;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Hosting;
using LrCluster.Grains.Store;
using LrCluster.Training.Data;
using LrCluster.Training.Runners;
using LrCluster.Training.Torch;

namespace LrCluster.Client.Commands;

/// <summary>
/// <c>lrc run SPEC</c>: the whole sweep on an in-process Orleans silo whose store is a SQLite file (or a PostgreSQL
/// database), through the same coordinator and trial grains a cluster runs; then the report files.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Sweep spec (YAML)." };
        var output = new Option<string?>("--out", "-o") { Description = "Report folder (default: out/<sweep name>)." };
        var store = new Option<string?>("--store") { Description = "Store URL: sqlite:PATH (default: sqlite:<out>/lrc.db) or postgres://user:pass@host[:port]/db (in-process silo over PostgreSQL)." };
        var slots = new Option<int>("--slots") { Description = "Trials run at once (1 to 64).", DefaultValueFactory = _ => 1 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Checkpoint every K steps.", DefaultValueFactory = _ => 200 };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Keep checkpoints in this directory instead of the store (large models)." };
        var format = CommonOptions.Format("table", "json");
        var command = new Command("run", "Run a sweep on this machine (embedded cluster on SQLite) and write its report.")
        {
            spec, output, store, slots, checkpointEvery, checkpointDir, format,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            SweepSpec sweep;
            try
            {
                sweep = SpecReader.ReadFile(parse.GetValue(spec)!);
            }
            catch (SpecException e)
            {
                foreach (var error in e.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                return ExitCodes.InvalidInput;
            }

            var options = new ClusterOptions
            {
                Name = $"lrc-run-{Environment.ProcessId}",
                Slots = parse.GetValue(slots),
                CheckpointEvery = parse.GetValue(checkpointEvery),
                CheckpointDirectory = parse.GetValue(checkpointDir),
            };
            if (options.Slots is < 1 or > 64 || options.CheckpointEvery < 1)
            {
                CommonOptions.Error("--slots must be 1 to 64 and --checkpoint-every at least 1");
                return ExitCodes.InvalidInput;
            }

            var outDir = parse.GetValue(output) ?? Path.Combine("out", sweep.Name);
            var storeUrl = parse.GetValue(store) ?? $"sqlite:{Path.Combine(outDir, "lrc.db")}";
            ISweepStore opened;
            try
            {
                opened = StoreFactory.Open(storeUrl);
            }
            catch (ArgumentException e)
            {
                CommonOptions.Error($"--store: {e.Message}");
                return ExitCodes.InvalidInput;
            }

            try
            {
                using (opened)
                {
                    return await RunAsync(parse.GetValue(spec)!, sweep, outDir, opened, StoreFactory.Redact(storeUrl), options, parse.GetValue(format) == "json", cancellation);
                }
            }
            catch (DataException e)
            {
                CommonOptions.Error(e.Message);
                return ExitCodes.InvalidInput;
            }
            catch (TorchException e)
            {
                CommonOptions.Error($"training engine: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(string specPath, SweepSpec sweep, string outDir, ISweepStore store, string storeName, ClusterOptions options, bool json, CancellationToken cancellation)
    {
        Directory.CreateDirectory(outDir);
        // libtorch loads while the silo starts: the first trial waits for whichever comes last.
        var torch = Task.Run(() =>
        {
            TorchEngine.SetThreads(Math.Max(1, Environment.ProcessorCount / options.Slots));
            return (ITrainerFactory)new TorchTrainerFactory();
        }, CancellationToken.None);
        var id = SweepRecord.NewId(sweep.Name, DateTimeOffset.UtcNow);
        var submission = new SweepSubmission(id, sweep.Name, File.ReadAllText(specPath), Path.GetFullPath(specPath));

        SweepState state;
        SweepReport report;
        EmbeddedSilo? silo = null;
        try
        {
            state = await ProgressView.RunAsync(CommonOptions.Stderr, async progress =>
            {
                silo = await EmbeddedSilo.StartAsync(store, new DeferredTrainerFactory(torch), options, progress, CancellationToken.None);
                // An engine that cannot load fails the run here, before a sweep is created, with the loader's reason.
                await torch;
                Console.Error.WriteLine($"sweep {id}  store {storeName}  slots {options.Slots}  silo up in {silo.StartTime.TotalMilliseconds:F0} ms");
                return await silo.RunSweepAsync(submission, cancellation);
            });

            // The sweep is final in the store: write its report while the silo stops.
            var stopping = StopAsync(silo!, torch);
            silo = null;
            try
            {
                report = ReportWriter.Write(store, id, outDir);
            }
            finally
            {
                await stopping;
            }
        }
        finally
        {
            if (silo is not null)
            {
                await StopAsync(silo, torch);
            }
        }

        if (json)
        {
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, Json.Options));
        }
        else
        {
            ReportSummary.Print(report);
        }

        Console.Error.WriteLine($"report {Path.Combine(outDir, "report.html")}");
        return state switch
        {
            SweepState.Completed => ExitCodes.Success,
            SweepState.Cancelled => ExitCodes.Cancelled,
            _ => ExitCodes.Failure,
        };
    }

    private static async Task StopAsync(EmbeddedSilo silo, Task<ITrainerFactory> torch)
    {
        await silo.DisposeAsync();
        if (Environment.GetEnvironmentVariable("LRC_DEBUG") == "1")
        {
            Console.Error.WriteLine($"silo stopped in {silo.StopTime.TotalMilliseconds:F0} ms");
        }

        if (torch.IsCompletedSuccessfully && torch.Result is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
