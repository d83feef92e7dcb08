using LrCluster.Core.Sweeps;
using LrCluster.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LrCluster.Silo.Gateway;

/// <summary>A trial's recorded curve: loss points per step (range tests and cyclical training) and evaluations per epoch.</summary>
public static class TrialEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/sweeps/{id}/trials/{trialId}/points", Points).WithName("GetTrialPoints")
            .WithSummary("(step, lr, loss, smoothed, momentum) for every recorded step.").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/sweeps/{id}/trials/{trialId}/epochs", Epochs).WithName("GetTrialEpochs")
            .WithSummary("(epoch, lr, trainLoss, valLoss, valMetric) for every finished epoch.").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Results<Ok<IReadOnlyList<LossPoint>>, ProblemHttpResult> Points(string id, string trialId, SiloRuntime runtime) =>
        Find(id, trialId, runtime) is { } problem ? problem : TypedResults.Ok(runtime.Store.ReadPoints(id, trialId));

    private static Results<Ok<IReadOnlyList<EpochPoint>>, ProblemHttpResult> Epochs(string id, string trialId, SiloRuntime runtime) =>
        Find(id, trialId, runtime) is { } problem ? problem : TypedResults.Ok(runtime.Store.ReadEpochs(id, trialId));

    private static ProblemHttpResult? Find(string id, string trialId, SiloRuntime runtime)
    {
        if (SweepEndpoints.Find(id, runtime, out _) is { } problem)
        {
            return problem;
        }

        if (!SweepIds.IsTrialId(trialId))
        {
            return Problems.BadRequest("malformed trial id; trial ids look like rt-<candidate>-r<repeat> or clr-<config>");
        }

        return runtime.Store.ListTrials(id).Any(t => t.Id == trialId) ? null : Problems.NotFound($"sweep {id} has no trial {trialId}");
    }
}
