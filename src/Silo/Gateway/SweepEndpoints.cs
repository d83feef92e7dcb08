using System.Globalization;
using LrCluster.Core.Spec;
using LrCluster.Grains.Contracts;
using LrCluster.Grains.Store;
using LrCluster.Silo.Files;
using LrCluster.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LrCluster.Silo.Gateway;

/// <summary>Submitting, listing, reading and cancelling sweeps, through the grains: the sweep's coordinator grain takes a submission and a cancel.</summary>
public static class SweepEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/sweeps", CreateAsync)
            .WithName("CreateSweep")
            .WithSummary("Submit a sweep spec (YAML, or JSON: JSON is YAML); its coordinator grain starts it.")
            .Accepts<string>("application/yaml", "text/yaml", "application/json", "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/sweeps", ListAsync).WithName("ListSweeps").WithSummary("Sweeps, newest first.").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/sweeps/{id}", GetAsync).WithName("GetSweep").WithSummary("A sweep with its trials, decision and results.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/sweeps/{id}/cancel", CancelAsync).WithName("CancelSweep").WithSummary("Cancel a sweep that is not final yet.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/sweeps/{id}/decision", DecisionAsync).WithName("GetDecision").WithSummary("The range-test decision (404 until made).")
            .Produces<object>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/sweeps/{id}/results", ResultsAsync).WithName("GetResults").WithSummary("The cyclical ranking (404 until done).")
            .Produces<object>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The reads go to a stateless worker grain, local to the silo that serves the request.</summary>
    internal static ISweepQueryGrain Query(this IGrainFactory grains) => grains.GetGrain<ISweepQueryGrain>(0);

    private static async Task<IResult> CreateAsync(HttpRequest request, IGrainFactory grains, IOptions<SiloOptions> options, DataRoots roots,
        IHostApplicationLifetime lifetime, CancellationToken cancellation)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Problems.Unavailable("this silo is shutting down and takes no new sweeps; submit to another");
        }

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

        // The spec file name names no real file: its folder (the first data root) is where the silos resolve relative
        // paths, as the gateway just did.
        var id = SweepRecord.NewId(spec.Name, DateTimeOffset.UtcNow);
        var created = await grains.GetGrain<ISweepGrain>(id).Submit(new SweepSubmission(id, spec.Name, yaml!, roots.SpecFile(spec.Name))).ConfigureAwait(false);
        return TypedResults.Created($"/api/sweeps/{id}", new SweepCreated(id, spec.Name, created.State));
    }

    private static async Task<Results<Ok<List<SweepSummary>>, ProblemHttpResult>> ListAsync(string? limit, IGrainFactory grains)
    {
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            return Problems.BadRequest($"limit must be a whole number from 1 to {MaxLimit}");
        }

        return TypedResults.Ok((await grains.Query().ListSweeps(count).ConfigureAwait(false)).Select(SweepSummary.From).ToList());
    }

    private static async Task<Results<Ok<SweepDetail>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains)
    {
        var (sweep, problem) = await FindAsync(id, grains).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(SweepDetail.From(sweep!, await grains.Query().ListTrials(id).ConfigureAwait(false)));
    }

    private static async Task<Results<Ok<SweepSummary>, ProblemHttpResult>> CancelAsync(string id, IGrainFactory grains)
    {
        var (sweep, problem) = await FindAsync(id, grains).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (sweep!.IsFinal)
        {
            return Problems.Conflict($"sweep {id} is already {sweep.State.ToString().ToLowerInvariant()}");
        }

        if (!await grains.GetGrain<ISweepGrain>(id).Cancel().ConfigureAwait(false))
        {
            return Problems.Conflict($"sweep {id} finished before it could be cancelled");
        }

        var after = await grains.Query().GetSweep(id).ConfigureAwait(false) ?? sweep;
        return TypedResults.Ok(SweepSummary.From(after));
    }

    private static async Task<IResult> DecisionAsync(string id, IGrainFactory grains)
    {
        var (sweep, problem) = await FindAsync(id, grains).ConfigureAwait(false);
        return problem ?? StoredJsonResult(sweep!.DecisionJson, $"sweep {id} has no decision yet (state {sweep.State})");
    }

    private static async Task<IResult> ResultsAsync(string id, IGrainFactory grains)
    {
        var (sweep, problem) = await FindAsync(id, grains).ConfigureAwait(false);
        return problem ?? StoredJsonResult(sweep!.ResultsJson, $"sweep {id} has no results yet (state {sweep.State})");
    }

    private static IResult StoredJsonResult(string? json, string missing) =>
        StoredJson.Parse(json) is { } element ? TypedResults.Ok(element) : Problems.NotFound(missing);

    /// <summary>Looks the sweep up; a problem (400 malformed id, 404 unknown) when there is none to answer about.</summary>
    internal static async Task<(SweepInfo? Sweep, ProblemHttpResult? Problem)> FindAsync(string id, IGrainFactory grains)
    {
        if (!SweepIds.IsSweepId(id))
        {
            return (null, Problems.BadRequest("malformed sweep id; ids are letters, digits, '.', '_' and '-' (at most 128)"));
        }

        var sweep = await grains.Query().GetSweep(id).ConfigureAwait(false);
        return sweep is null ? (null, Problems.NotFound($"no sweep {id}")) : (sweep, null);
    }
}
