using LrCluster.Grains.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LrCluster.Silo.Gateway;

/// <summary>A trial's recorded curve: loss points per step (range tests and cyclical training), evaluations per epoch and every held-out evaluation.</summary>
public static class TrialEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/sweeps/{id}/trials/{trialId}/points", PointsAsync).WithName("GetTrialPoints")
            .WithSummary("(step, lr, loss, smoothed, momentum) for every recorded step.").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/sweeps/{id}/trials/{trialId}/epochs", EpochsAsync).WithName("GetTrialEpochs")
            .WithSummary("(epoch, lr, trainLoss, valLoss, valMetric) for every finished epoch.").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/sweeps/{id}/trials/{trialId}/evaluations", EvaluationsAsync).WithName("GetTrialEvaluations")
            .WithSummary("(step, lr, valLoss, valMetric) for every held-out evaluation (clr.evaluateEvery steps and epoch ends).").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<IReadOnlyList<PointInfo>>, ProblemHttpResult>> PointsAsync(string id, string trialId, IGrainFactory grains) =>
        await FindAsync(id, trialId, grains).ConfigureAwait(false) is { } problem ? problem : TypedResults.Ok(await grains.Query().ReadPoints(id, trialId).ConfigureAwait(false));

    private static async Task<Results<Ok<IReadOnlyList<EpochInfo>>, ProblemHttpResult>> EpochsAsync(string id, string trialId, IGrainFactory grains) =>
        await FindAsync(id, trialId, grains).ConfigureAwait(false) is { } problem ? problem : TypedResults.Ok(await grains.Query().ReadEpochs(id, trialId).ConfigureAwait(false));

    private static async Task<Results<Ok<IReadOnlyList<EvaluationInfo>>, ProblemHttpResult>> EvaluationsAsync(string id, string trialId, IGrainFactory grains) =>
        await FindAsync(id, trialId, grains).ConfigureAwait(false) is { } problem ? problem : TypedResults.Ok(await grains.Query().ReadEvaluations(id, trialId).ConfigureAwait(false));

    private static async Task<ProblemHttpResult?> FindAsync(string id, string trialId, IGrainFactory grains)
    {
        if ((await SweepEndpoints.FindAsync(id, grains).ConfigureAwait(false)).Problem is { } problem)
        {
            return problem;
        }

        if (!SweepIds.IsTrialId(trialId))
        {
            return Problems.BadRequest("malformed trial id; trial ids look like rt-<candidate>-r<repeat> or clr-<config>");
        }

        return (await grains.Query().ListTrials(id).ConfigureAwait(false)).Any(t => t.Id == trialId) ? null : Problems.NotFound($"sweep {id} has no trial {trialId}");
    }
}
