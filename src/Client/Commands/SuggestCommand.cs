using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LrCluster.Core.RangeTest;
using LrCluster.Grains;
using LrCluster.Training.Data;
using Spectre.Console;

namespace LrCluster.Client.Commands;

/// <summary><c>lrc suggest CURVE.csv</c>: suggestions from a recorded curve (an <c>lr,loss</c> header, rows in step order).</summary>
internal static class SuggestCommand
{
    public static Command Create()
    {
        var curve = new Argument<string>("curve") { Description = "CSV with an lr,loss header, one row per step, already smoothed if you want smoothing." };
        var method = new Option<string>("--method", "-m") { Description = $"One of {string.Join(", ", SuggestionMethods.Names)}, or all.", DefaultValueFactory = _ => "all" };
        method.AcceptOnlyFromAmong([.. SuggestionMethods.Names, "all"]);
        var numIt = new Option<int?>("--num-it") { Description = "fastai's num_it (the configured step count) for the trim [num_it // 10, n - 5); default: the row count." };
        var format = CommonOptions.Format("table", "json");
        var command = new Command("suggest", "Suggest learning rates from a recorded range-test curve.") { curve, method, numIt, format };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(curve)!;
            List<double> lrs, losses;
            try
            {
                (lrs, losses) = ReadCurve(path);
            }
            catch (Exception e) when (e is DataException or IOException or UnauthorizedAccessException)
            {
                CommonOptions.Error(e.Message);
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(numIt) is < 1)
            {
                CommonOptions.Error("--num-it must be at least 1");
                return ExitCodes.InvalidInput;
            }

            var names = parse.GetValue(method) == "all" ? SuggestionMethods.Names : [parse.GetValue(method)!];
            var results = names.Select(n => (Method: n, Suggestion: SuggestionMethods.Create(n, parse.GetValue(numIt)).Suggest(lrs, losses))).ToList();
            if (parse.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(
                    results.Select(r => new { method = r.Method, lr = r.Suggestion?.Lr, index = r.Suggestion?.Index }), Json.Options));
            }
            else
            {
                var table = new Table().AddColumns("method", "lr", "index");
                foreach (var (name, s) in results)
                {
                    table.AddRow(name, s is null ? "(curve too short)" : s.Lr.ToString("G6", CultureInfo.InvariantCulture), s?.Index.ToString(CultureInfo.InvariantCulture) ?? "");
                }

                Terminal.Stdout.Write(table);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static (List<double> Lrs, List<double> Losses) ReadCurve(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataException($"{path}: file not found");
        }

        using var reader = new StreamReader(path);
        var (header, rows) = CsvTableLenient.Read(reader, path);
        var lr = Array.IndexOf(header, "lr");
        var loss = Array.IndexOf(header, "loss");
        if (lr < 0 || loss < 0)
        {
            throw new DataException($"{path}: header must name the columns lr and loss; got {string.Join(",", header)}");
        }

        var lrs = rows.Select(r => r[lr]).ToList();
        for (var i = 0; i < lrs.Count; i++)
        {
            if (!(lrs[i] > 0) || (i > 0 && lrs[i] <= lrs[i - 1]))
            {
                throw new DataException($"{path}:{i + 2}: lr {lrs[i].ToString(CultureInfo.InvariantCulture)} must be positive and greater than the previous row's (rows in step order)");
            }
        }

        return (lrs, rows.Select(r => r[loss]).ToList());
    }
}
