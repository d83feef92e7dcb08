using System.CommandLine;
using LrCluster.Core.Spec;

namespace LrCluster.Client.Commands;

/// <summary><c>lrc validate SPEC</c>: every problem in a spec, one per line, without running anything.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Sweep spec (YAML)." };
        var command = new Command("validate", "Check a sweep spec and list every problem in it.") { spec };
        command.SetAction(parse =>
        {
            try
            {
                var s = SpecReader.ReadFile(parse.GetValue(spec)!);
                var trials = (s.RangeTest is null ? 0 : s.RangeTest.Candidates.Count * s.RangeTest.Repeats) + (s.Clr?.Configs.Count ?? 0);
                Console.Error.WriteLine($"{parse.GetValue(spec)}: ok ({s.Name}: {trials} trial(s))");
                return ExitCodes.Success;
            }
            catch (SpecException e)
            {
                foreach (var error in e.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
