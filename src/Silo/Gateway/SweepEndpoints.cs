using System.Globalization;
using LrCluster.Core.Spec;
using LrCluster.Grains.Store;
using LrCluster.Silo.Files;
using LrCluster.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LrCluster.Silo.Gateway;

/// <summary>Submitting, listing, reading and cancelling sweeps. A submission only writes the pending row: a silo's coordinator worker claims it.</summary>
public static class SweepEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/sweeps", CreateAsync)
            .WithName("CreateSweep")
            .WithSummary("Submit a sweep spec (YAML, or JSON: JSON is YAML); a silo's coordinator picks it up.")
            .Accepts<string>("application/yaml", "text/yaml", "application/json", "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/sweeps", List).WithName("ListSweeps").WithSummary("Sweeps, newest first.").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/sweeps/{id}", Get).WithName("GetSweep").WithSummary("A sweep with its trials, decision and results.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/sweeps/{id}/cancel", Cancel).WithName("CancelSweep").WithSummary("Cancel a sweep that is not final yet.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/sweeps/{id}/decision", Decision).WithName("GetDecision").WithSummary("The range-test decision (404 until made).")
            .Produces<object>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/sweeps/{id}/results", Results).WithName("GetResults").WithSummary("The cyclical ranking (404 until done).")
            .Produces<object>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, SiloRuntime runtime, IOptions<SiloOptions> options, DataRoots roots, CancellationToken cancellation)
    {
        var (yaml, fileName, problem) = await SpecBody.ReadAsync(request, options.Value.MaxBodyBytes, cancellation).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        SweepSpec spec;
        try
        {
            spec = roots.Read(yaml!, fileName);
        }
        catch (SpecException e)
        {
            return Problems.InvalidSpec(e.Errors);
        }
        // The same row lrc run creates; the spec file name names no real file: its folder (the first data root) is where the
        // silos resolve relative paths, as the gateway just did.
        var now = DateTimeOffset.UtcNow;
        var id = SweepRecord.NewId(spec.Name, now);
        runtime.Store.CreateSweep(new SweepRecord(id, spec.Name, yaml!, roots.SpecFile(spec.Name), SweepState.Pending, now, now, null, null, null));
        return TypedResults.Created($"/api/sweeps/{id}", new SweepCreated(id, spec.Name, SweepState.Pending));
    }

    private static Results<Ok<List<SweepSummary>>, ProblemHttpResult> List(string? limit, SiloRuntime runtime)
    {
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return Problems.BadRequest($"limit must be a whole number from 1 to {MaxLimit}");
        }

        return TypedResults.Ok(runtime.Store.ListSweeps(count).Select(SweepSummary.From).ToList());
    }

    private static Results<Ok<SweepDetail>, ProblemHttpResult> Get(string id, SiloRuntime runtime, LiveProgress live)
    {
        if (Find(id, runtime, out var sweep) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(SweepDetail.From(sweep!, runtime.Store.ListTrials(id), live));
    }

    private static Results<Ok<SweepSummary>, ProblemHttpResult> Cancel(string id, SiloRuntime runtime)
    {
        if (Find(id, runtime, out var sweep) is { } problem)
        {
            return problem;
        }

        if (IsFinal(sweep!.State))
        {
            return Problems.Conflict($"sweep {id} is already {sweep.State.ToString().ToLowerInvariant()}");
        }

        if (!runtime.Store.TryCancelSweep(id))
        {
            return Problems.Conflict($"sweep {id} finished before it could be cancelled");
        }

        var after = runtime.Store.GetSweep(id) ?? sweep;
        return TypedResults.Ok(SweepSummary.From(after));
    }

    private static IResult Decision(string id, SiloRuntime runtime) =>
        Find(id, runtime, out var sweep) ?? StoredJsonResult(sweep!.DecisionJson, $"sweep {id} has no decision yet (state {sweep.State})");

    private static IResult Results(string id, SiloRuntime runtime) =>
        Find(id, runtime, out var sweep) ?? StoredJsonResult(sweep!.ResultsJson, $"sweep {id} has no results yet (state {sweep.State})");

    private static IResult StoredJsonResult(string? json, string missing) =>
        StoredJson.Parse(json) is { } element ? TypedResults.Ok(element) : Problems.NotFound(missing);

    internal static bool IsFinal(SweepState state) => state is SweepState.Completed or SweepState.Failed or SweepState.Cancelled;

    /// <summary>Looks the sweep up; a problem (400 malformed id, 404 unknown) when there is none to answer about.</summary>
    internal static ProblemHttpResult? Find(string id, SiloRuntime runtime, out SweepRecord? sweep)
    {
        sweep = null;
        if (!SweepIds.IsSweepId(id))
        {
            return Problems.BadRequest("malformed sweep id; ids are letters, digits, '.', '_' and '-' (at most 128)");
        }

        sweep = runtime.Store.GetSweep(id);
        return sweep is null ? Problems.NotFound($"no sweep {id}") : null;
    }
}
