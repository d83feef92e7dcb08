using System.CommandLine;
using System.Text.Json;
using LrCluster.Client.Gateway;
using LrCluster.Client.Reports;
using LrCluster.Grains;

namespace LrCluster.Client.Commands;

/// <summary><c>lrc report ID --out DIR</c>: the report files of a cluster's sweep, the same as <c>lrc run</c> writes.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Sweep id." };
        var output = new Option<string?>("--out", "-o") { Description = "Report folder (default: out/<sweep id>)." };
        var format = CommonOptions.Format("table", "json");
        var connection = new ClusterConnection();
        var command = new Command("report", "Write a cluster sweep's report files (report.html, report.json, CSVs, plots).") { id, output, format };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) => connection.RunAsync(parse, client =>
        {
            var sweepId = parse.GetValue(id)!;
            var outDir = parse.GetValue(output) ?? Path.Combine("out", sweepId);
            var report = ReportWriter.Write(new GatewaySweepReader(client, cancellation), sweepId, outDir);
            if (parse.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(report, Json.Options));
            }
            else
            {
                ReportSummary.Print(report);
            }

            Console.Error.WriteLine($"report {Path.Combine(outDir, "report.html")}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
