using System.Globalization;
using LrCluster.Core.Sweeps;
using LrCluster.Training.Runners;
using Npgsql;
using NpgsqlTypes;

namespace LrCluster.Grains.Store.Postgres;

/// <summary>
/// The cluster store on PostgreSQL. Every operation takes one short connection from the pool (so the store is
/// safe to share between threads and silos never hold idle sessions), every statement is parameterised, and
/// operations are retried while the server is briefly unreachable. Trial writes are fenced: they lock the trial
/// row, compare its lease epoch with the writer's, and throw <see cref="LeaseLostException"/> without writing
/// anything when a newer activation owns the trial.
/// </summary>
public sealed class PostgresSweepStore : ISweepStore
{
    /// <summary>How long an operation keeps retrying while the server is unreachable, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultRetryFor = TimeSpan.FromSeconds(30);

    // One statement per chunk keeps each parameter array (and the server's unnest) bounded for huge batches.
    private const int PointsPerStatement = 10_000;

    private const string SweepColumns = "id, name, spec_yaml, spec_file, state, created_at, updated_at, decision_json, results_json, error";

    private const string TrialColumns = "sweep_id, id, phase, definition_json, status, step, total_steps, lr, smoothed, error, owner, lease_epoch";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeSpan _retryFor;

    /// <param name="urlOrConnectionString">A <c>postgres://user:password@host:port/database</c> URL or an Npgsql connection string.</param>
    /// <param name="retryFor">How long to keep retrying an operation while the server is unreachable (default 30 s).</param>
    public PostgresSweepStore(string urlOrConnectionString, TimeSpan? retryFor = null)
    {
        var connectionString = Tuned(PostgresUrl.ToConnectionString(urlOrConnectionString));
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _retryFor = retryFor ?? DefaultRetryFor;
    }

    /// <summary>How many statements each connection keeps prepared unless the URL says otherwise (<c>max_auto_prepare</c>).</summary>
    public const int DefaultAutoPrepare = 32;

    /// <summary>
    /// The pool settings the store's short operations want, each unless the URL sets it (bench/cluster.sh measured both):
    /// <list type="bullet">
    /// <item><c>max_auto_prepare</c> 32: the store runs a few dozen fixed statements over and over; prepared once per
    /// pooled connection, the server skips parsing and planning them. 0 turns it off, e.g. behind a connection pooler
    /// that cannot keep prepared statements.</item>
    /// <item><c>no_reset_on_close</c> true: every operation borrows a pooled connection, and the reset Npgsql would run
    /// on each return (RESET ALL and friends) cost the server as much as a small write. The store leaves no session
    /// state behind: its settings are SET LOCAL and its advisory lock is transaction-scoped.</item>
    /// </list>
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // ContainsKey is true for every known keyword; Keys lists only those the string sets.
        var set = builder.Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!set.Contains("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = DefaultAutoPrepare;
        }

        if (!set.Contains("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public void Migrate() => InTransaction((c, tx) =>
    {
        // Several silos may start at once: the transaction-scoped advisory lock makes them take turns, and the
        // later ones find the schema already at the latest version. It is released by commit or rollback.
        Execute(c, tx, "SELECT pg_advisory_xact_lock(@key)", ("key", PostgresSchema.MigrationLockKey));
        Execute(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        var current = Convert.ToInt32(Scalar(c, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
        if (current > PostgresSchema.Migrations.Count)
        {
            // A newer build migrated this database; writing to it with an older idea of the tables could corrupt it.
            throw new InvalidOperationException(
                $"the database schema is at version {current}, newer than this build knows ({PostgresSchema.Migrations.Count}); upgrade this silo");
        }

        for (var v = current; v < PostgresSchema.Migrations.Count; v++)
        {
            Execute(c, tx, PostgresSchema.Migrations[v]);
            Execute(c, tx, "INSERT INTO schema_version (version) VALUES (@v)", ("v", v + 1));
        }
    });

    public void CreateSweep(SweepRecord s) => Run(c => Execute(c, null,
        $"INSERT INTO sweeps ({SweepColumns}, cluster_id) VALUES (@id, @name, @yaml, @file, @state, @created, @updated, @decision, @results, @error, @cluster)",
        ("cluster", s.ClusterId), ("id", s.Id), ("name", s.Name), ("yaml", s.SpecYaml), ("file", s.SpecFile), ("state", s.State.ToString()),
        ("created", s.CreatedAt), ("updated", s.UpdatedAt), ("decision", s.DecisionJson), ("results", s.ResultsJson), ("error", s.Error)));

    public SweepRecord? GetSweep(string id) => QuerySweeps("WHERE id = @id", ("id", id)).FirstOrDefault();

    public IReadOnlyList<SweepRecord> ListSweeps(int limit) =>
        QuerySweeps("ORDER BY created_at DESC, id LIMIT @limit", ("limit", Math.Max(0, limit)));

    public void SetSweepState(string id, SweepState state, string? error = null, SweepLease? fence = null) =>
        SweepWrite(id, fence, "state = @state, error = COALESCE(@error, error)", ("state", state.ToString()), ("error", error));

    public bool TryCancelSweep(string id) => Run(c => Execute(c, null,
        // One conditional UPDATE: the row lock it takes serialises it with a coordinator's fenced final write, so
        // exactly one of "cancelled" and "completed/failed" wins.
        "UPDATE sweeps SET state = 'Cancelled', updated_at = @at WHERE id = @id AND state NOT IN ('Completed', 'Failed', 'Cancelled')",
        ("at", DateTimeOffset.UtcNow), ("id", id)) == 1);

    public void SaveDecision(string id, string decisionJson, SweepLease? fence = null) =>
        SweepWrite(id, fence, "decision_json = @d", ("d", decisionJson));

    public void SaveResults(string id, string resultsJson, SweepLease? fence = null) =>
        SweepWrite(id, fence, "results_json = @r", ("r", resultsJson));

    public SweepLease? ClaimSweep(string sweepId, SiloRef owner) => Run(c => Scalar(c, null,
        """
        UPDATE sweeps SET owner = @name, owner_address = @address, lease_epoch = lease_epoch + 1
        WHERE id = @id AND state IN ('Pending', 'RangeTest', 'Deciding', 'Clr')
        RETURNING lease_epoch
        """,
        ("name", owner.Name), ("address", owner.Address), ("id", sweepId)) is long epoch ? new SweepLease(sweepId, epoch) : null);

    public void EnqueueTrial(TrialRecord t) => Run(c => Execute(c, null,
        """
        INSERT INTO trials (sweep_id, id, phase, definition_json, status, step, total_steps, lr, smoothed, error, owner, lease_epoch)
        VALUES (@sweep, @id, @phase, @def, 'Pending', 0, @total, 'NaN', 'NaN', NULL, NULL, 0)
        ON CONFLICT (sweep_id, id) DO NOTHING
        """,
        ("sweep", t.SweepId), ("id", t.Id), ("phase", t.Phase.ToString()), ("def", t.DefinitionJson), ("total", t.TotalSteps)));

    // One statement over arrays for the whole phase: enqueueing row by row was most of a phase's time.
    public void EnqueueTrials(IReadOnlyList<TrialRecord> trials)
    {
        if (trials.Count == 0)
        {
            return;
        }

        Run(c => Execute(c, null,
            """
            INSERT INTO trials (sweep_id, id, phase, definition_json, status, step, total_steps, lr, smoothed, error, owner, lease_epoch)
            SELECT sweep, id, phase, def, 'Pending', 0, total, 'NaN', 'NaN', NULL, NULL, 0
            FROM unnest(@sweeps, @ids, @phases, @defs, @totals) AS t(sweep, id, phase, def, total)
            ON CONFLICT (sweep_id, id) DO NOTHING
            """,
            ("sweeps", trials.Select(t => t.SweepId).ToArray()), ("ids", trials.Select(t => t.Id).ToArray()),
            ("phases", trials.Select(t => t.Phase.ToString()).ToArray()), ("defs", trials.Select(t => t.DefinitionJson).ToArray()),
            ("totals", trials.Select(t => t.TotalSteps).ToArray())));
    }

    public IReadOnlyList<TrialRecord> ListTrials(string sweepId) => Run(c =>
    {
        // Range tests before cyclical trials ('RangeTest' sorts after 'Clr'), as the SQLite store lists them.
        using var cmd = Command(c, null, $"SELECT {TrialColumns} FROM trials WHERE sweep_id = @s ORDER BY phase DESC, id", ("s", sweepId));
        using var r = cmd.ExecuteReader();
        var list = new List<TrialRecord>();
        while (r.Read())
        {
            list.Add(new TrialRecord(r.GetString(0), r.GetString(1), Enum.Parse<TrialPhase>(r.GetString(2)), r.GetString(3),
                Enum.Parse<TrialStatus>(r.GetString(4)), r.GetInt64(5), r.GetInt64(6), r.GetDouble(7), r.GetDouble(8),
                NullableString(r, 9), NullableString(r, 10), r.GetInt64(11)));
        }

        return list;
    });

    // The status list is literal so the planner can use the partial index of runnable trials.
    public bool AnyUnfinishedTrials(string sweepId, TrialPhase phase) => Run(c => Scalar(c, null,
        "SELECT EXISTS (SELECT 1 FROM trials WHERE sweep_id = @s AND phase = @p AND status IN ('Pending', 'Running'))",
        ("s", sweepId), ("p", phase.ToString())) is true);

    public IReadOnlyList<TrialLease> ClaimTrials(SiloRef owner, int max)
    {
        if (max <= 0)
        {
            return [];
        }

        return Run(c =>
        {
            // One statement: the CTE picks and row-locks pending trials, skipping rows another claimer holds, so two
            // silos never get the same trial; a row claimed and committed by another silo after our snapshot is
            // re-checked against the WHERE clause when we lock it, and no longer qualifies. The epoch match in the
            // UPDATE is a second guard against the same race.
            // Per unfinished sweep of this cluster, oldest first, the lateral walks that sweep's pending trials in id
            // order on the partial index, locking as it goes, so a claim costs the same with 10 or 10,000 trials
            // queued. There is no sort above the nested loop: the outer LIMIT pulls rows one by one and a row is
            // locked only when pulled, so a claim locks exactly the trials it takes and the next sweep is not visited
            // while the first has enough.
            using var cmd = Command(c, null,
                """
                WITH candidates AS (
                    SELECT r.sweep_id, r.id, r.lease_epoch, s.created_at
                    FROM (SELECT id, created_at FROM sweeps
                          WHERE cluster_id = @cluster AND state NOT IN ('Cancelled', 'Failed', 'Completed')
                          ORDER BY created_at, id) s
                    CROSS JOIN LATERAL (
                        SELECT t.sweep_id, t.id, t.lease_epoch
                        FROM trials t
                        WHERE t.sweep_id = s.id AND t.status = 'Pending'
                        ORDER BY t.id
                        LIMIT @max
                        FOR UPDATE OF t SKIP LOCKED) r
                    LIMIT @max)
                UPDATE trials t
                SET owner = @name, owner_address = @address, lease_epoch = t.lease_epoch + 1, status = 'Running'
                FROM candidates c
                WHERE t.sweep_id = c.sweep_id AND t.id = c.id AND t.lease_epoch = c.lease_epoch
                RETURNING t.sweep_id, t.id, t.lease_epoch, t.phase, t.definition_json, c.created_at
                """,
                ("cluster", owner.ClusterId), ("max", max), ("name", owner.Name), ("address", owner.Address));
            using var r = cmd.ExecuteReader();
            var claimed = new List<(DateTimeOffset CreatedAt, TrialLease Lease)>();
            while (r.Read())
            {
                var lease = new TrialLease(new TrialRef(r.GetString(0), r.GetString(1), r.GetInt64(2)), Enum.Parse<TrialPhase>(r.GetString(3)), r.GetString(4));
                claimed.Add((r.GetFieldValue<DateTimeOffset>(5), lease));
            }

            // RETURNING has no order; hand the leases back in claim order (oldest sweep first, then trial id).
            return (IReadOnlyList<TrialLease>)claimed
                .OrderBy(x => x.CreatedAt)
                .ThenBy(x => x.Lease.Ref.SweepId, StringComparer.Ordinal)
                .ThenBy(x => x.Lease.Ref.TrialId, StringComparer.Ordinal)
                .Select(x => x.Lease)
                .ToList();
        });
    }

    public void ReleaseLease(TrialRef trial) => Run(c => Execute(c, null,
        // Only a running trial goes back: a finished one must not be run again. The epoch is kept, so the next claim
        // gets epoch + 1 and this activation's late writes are still refused.
        """
        UPDATE trials SET status = 'Pending', owner = NULL, owner_address = NULL
        WHERE sweep_id = @sweep AND id = @id AND lease_epoch = @epoch AND status = 'Running'
        """,
        ("sweep", trial.SweepId), ("id", trial.TrialId), ("epoch", trial.Epoch)));

    public int RequeueTrialsOf(IReadOnlyCollection<string> ownerAddresses) => ownerAddresses.Count == 0 ? 0 : Run(c => Execute(c, null,
        "UPDATE trials SET status = 'Pending', owner = NULL, owner_address = NULL WHERE status = 'Running' AND owner_address = ANY(@owners)",
        ("owners", ownerAddresses.ToArray())));

    public IReadOnlyList<string> SweepsCoordinatedBy(IReadOnlyCollection<string> ownerAddresses) => ownerAddresses.Count == 0 ? [] : Run(c =>
    {
        using var cmd = Command(c, null,
            "SELECT id FROM sweeps WHERE state IN ('Pending', 'RangeTest', 'Deciding', 'Clr') AND owner_address = ANY(@owners) ORDER BY created_at, id",
            ("owners", ownerAddresses.ToArray()));
        using var r = cmd.ExecuteReader();
        var ids = new List<string>();
        while (r.Read())
        {
            ids.Add(r.GetString(0));
        }

        return (IReadOnlyList<string>)ids;
    });

    public IReadOnlyDictionary<string, int> RunningTrialsByOwner() => Run(c =>
    {
        using var cmd = Command(c, null, "SELECT owner_address, count(*) FROM trials WHERE status = 'Running' AND owner_address IS NOT NULL GROUP BY owner_address");
        using var r = cmd.ExecuteReader();
        var busy = new Dictionary<string, int>(StringComparer.Ordinal);
        while (r.Read())
        {
            busy[r.GetString(0)] = (int)r.GetInt64(1);
        }

        return (IReadOnlyDictionary<string, int>)busy;
    });

    public void UpdateTrialProgress(TrialRef trial, TrialStatus status, long step, double lr, double smoothed, string? error = null) =>
        Fenced(trial, () => [ProgressUpdate(trial, status, step, lr, smoothed, error)]);

    public void FinishTrial(TrialRef trial, IReadOnlyList<LossPoint> points, TrialStatus status, long step, double lr, double smoothed, string? error = null) =>
        Fenced(trial, () => [.. InsertPoints(trial, points), ProgressUpdate(trial, status, step, lr, smoothed, error)]);

    private static NpgsqlBatchCommand ProgressUpdate(TrialRef trial, TrialStatus status, long step, double lr, double smoothed, string? error) => Batched(
        "UPDATE trials SET status = @status, step = @step, lr = @lr, smoothed = @smoothed, error = COALESCE(@error, error) WHERE sweep_id = @sweep AND id = @id",
        ("status", status.ToString()), ("step", step), ("lr", lr), ("smoothed", smoothed), ("error", error),
        ("sweep", trial.SweepId), ("id", trial.TrialId));

    public void WritePoints(TrialRef trial, IReadOnlyList<LossPoint> points)
    {
        // Nothing to write, nothing to refuse: an empty batch costs no round trip (as on SQLite).
        if (points.Count > 0)
        {
            Fenced(trial, () => InsertPoints(trial, points), waitForFlush: false);
        }
    }

    public IReadOnlyList<LossPoint> ReadPoints(string sweepId, string trialId) => Run(c =>
    {
        using var cmd = Command(c, null,
            "SELECT step, lr, loss, smoothed, momentum FROM loss_points WHERE sweep_id = @s AND trial_id = @t ORDER BY step",
            ("s", sweepId), ("t", trialId));
        using var r = cmd.ExecuteReader();
        var list = new List<LossPoint>();
        while (r.Read())
        {
            list.Add(new LossPoint(r.GetInt64(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4)));
        }

        return (IReadOnlyList<LossPoint>)list;
    });

    public IReadOnlyDictionary<string, IReadOnlyList<LossPoint>> ReadPointsOf(string sweepId, IReadOnlyCollection<string> trialIds) => Run(c =>
    {
        using var cmd = Command(c, null,
            "SELECT trial_id, step, lr, loss, smoothed, momentum FROM loss_points WHERE sweep_id = @s AND trial_id = ANY(@t) ORDER BY trial_id, step",
            ("s", sweepId), ("t", trialIds.ToArray()));
        using var r = cmd.ExecuteReader();
        var byTrial = trialIds.Distinct().ToDictionary(id => id, _ => new List<LossPoint>(), StringComparer.Ordinal);
        while (r.Read())
        {
            byTrial[r.GetString(0)].Add(new LossPoint(r.GetInt64(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.IsDBNull(5) ? null : r.GetDouble(5)));
        }

        return (IReadOnlyDictionary<string, IReadOnlyList<LossPoint>>)byTrial.ToDictionary(p => p.Key, p => (IReadOnlyList<LossPoint>)p.Value, StringComparer.Ordinal);
    });

    public void WriteEpoch(TrialRef trial, EpochPoint e) => Fenced(trial, () => [Batched(
        """
        INSERT INTO epoch_points (sweep_id, trial_id, epoch, lr, train_loss, val_loss, val_metric)
        VALUES (@s, @t, @e, @lr, @train, @val, @metric)
        ON CONFLICT (sweep_id, trial_id, epoch) DO UPDATE SET lr = excluded.lr, train_loss = excluded.train_loss,
            val_loss = excluded.val_loss, val_metric = excluded.val_metric
        """,
        ("s", trial.SweepId), ("t", trial.TrialId), ("e", e.Epoch), ("lr", e.Lr), ("train", e.TrainLoss), ("val", e.ValLoss), ("metric", e.ValMetric))]);

    public IReadOnlyList<EpochPoint> ReadEpochs(string sweepId, string trialId) => Run(c =>
    {
        using var cmd = Command(c, null,
            "SELECT epoch, lr, train_loss, val_loss, val_metric FROM epoch_points WHERE sweep_id = @s AND trial_id = @t ORDER BY epoch",
            ("s", sweepId), ("t", trialId));
        using var r = cmd.ExecuteReader();
        var list = new List<EpochPoint>();
        while (r.Read())
        {
            list.Add(new EpochPoint(r.GetInt32(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4)));
        }

        return (IReadOnlyList<EpochPoint>)list;
    });

    public void WriteEvaluation(TrialRef trial, EvaluationPoint e) => Fenced(trial, () => [Batched(
        """
        INSERT INTO eval_points (sweep_id, trial_id, step, lr, val_loss, val_metric)
        VALUES (@s, @t, @step, @lr, @val, @metric)
        ON CONFLICT (sweep_id, trial_id, step) DO UPDATE SET lr = excluded.lr, val_loss = excluded.val_loss, val_metric = excluded.val_metric
        """,
        ("s", trial.SweepId), ("t", trial.TrialId), ("step", e.Step), ("lr", e.Lr), ("val", e.ValLoss), ("metric", e.ValMetric))]);

    public IReadOnlyList<EvaluationPoint> ReadEvaluations(string sweepId, string trialId) => Run(c =>
    {
        using var cmd = Command(c, null,
            "SELECT step, lr, val_loss, val_metric FROM eval_points WHERE sweep_id = @s AND trial_id = @t ORDER BY step",
            ("s", sweepId), ("t", trialId));
        using var r = cmd.ExecuteReader();
        var list = new List<EvaluationPoint>();
        while (r.Read())
        {
            list.Add(new EvaluationPoint(r.GetInt64(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3)));
        }

        return (IReadOnlyList<EvaluationPoint>)list;
    });

    public void WriteCheckpoint(TrialRef trial, IReadOnlyList<LossPoint> points, TrialCheckpoint checkpoint) => Fenced(trial, () =>
    [
        .. InsertPoints(trial, points),
        Batched(
            """
            INSERT INTO checkpoints (sweep_id, trial_id, next_step, state, schedule_state, epoch_loss_sum, written_at)
            VALUES (@s, @t, @n, @state, @sched, @sum, @at)
            ON CONFLICT (sweep_id, trial_id) DO UPDATE SET next_step = excluded.next_step, state = excluded.state,
                schedule_state = excluded.schedule_state, epoch_loss_sum = excluded.epoch_loss_sum, written_at = excluded.written_at
            """,
            ("s", trial.SweepId), ("t", trial.TrialId), ("n", checkpoint.NextStep), ("state", checkpoint.State),
            ("sched", checkpoint.ScheduleState), ("sum", (object?)checkpoint.EpochLossSum ?? DBNull.Value), ("at", DateTimeOffset.UtcNow)),
    ]);

    public TrialCheckpoint? ReadCheckpoint(string sweepId, string trialId) => Run(c =>
    {
        using var cmd = Command(c, null,
            "SELECT next_step, state, schedule_state, epoch_loss_sum FROM checkpoints WHERE sweep_id = @s AND trial_id = @t", ("s", sweepId), ("t", trialId));
        using var r = cmd.ExecuteReader();
        return r.Read() ? new TrialCheckpoint(r.GetInt64(0), r.GetFieldValue<byte[]>(1), NullableString(r, 2), r.IsDBNull(3) ? null : r.GetDouble(3)) : null;
    });

    public void Dispose() => _dataSource.Dispose();

    /// <summary>
    /// A write to the sweep row. With a fence (the coordinator's lease) it locks the row and checks the epoch, and
    /// leaves a cancelled sweep as it is, so a coordinator racing an operator's cancel cannot overwrite it; without
    /// one it is an operator's write and always applies.
    /// </summary>
    private void SweepWrite(string id, SweepLease? fence, string set, params (string, object?)[] values) => InTransaction((c, tx) =>
    {
        if (fence is not null)
        {
            using var check = Command(c, tx, "SELECT lease_epoch, state FROM sweeps WHERE id = @id FOR UPDATE", ("id", id));
            bool cancelled;
            using (var r = check.ExecuteReader())
            {
                if (!r.Read() || r.GetInt64(0) != fence.Epoch)
                {
                    throw new LeaseLostException(fence);
                }

                cancelled = r.GetString(1) == nameof(SweepState.Cancelled);
            }

            if (cancelled)
            {
                return;
            }
        }

        Execute(c, tx, $"UPDATE sweeps SET {set}, updated_at = @at WHERE id = @id", [.. values, ("at", DateTimeOffset.UtcNow), ("id", id)]);
    });

    /// <summary>
    /// Runs a trial write as one batch, in one round trip and one implicit transaction: <c>lrc_fence</c> first locks
    /// the trial row and checks its epoch, raising <see cref="PostgresSchema.LeaseLostSqlState"/> (which aborts the
    /// whole batch, so nothing is written) when a newer activation owns the trial. The row lock is held to commit, so a
    /// claim (which takes the same lock) cannot slip a new epoch in between the check and the writes.
    /// </summary>
    /// <param name="waitForFlush">
    /// False only for plain point batches, which then commit without waiting for the WAL flush (half the time of
    /// a small batch here). That is safe because such points are never the only record of anything: a trial
    /// resumes from its last checkpoint and records every later step again, and any later synchronous commit
    /// (a checkpoint, a progress or status update) flushes all earlier WAL, so what a checkpoint relies on is
    /// durable. Fencing is unaffected: the row lock and the epoch check behave the same.
    /// </param>
    /// <param name="writes">Called once per attempt: a command that went out in a failed attempt cannot join the retry's batch.</param>
    private void Fenced(TrialRef trial, Func<IReadOnlyList<NpgsqlBatchCommand>> writes, bool waitForFlush = true) => Run(c =>
    {
        using var batch = new NpgsqlBatch(c);
        if (!waitForFlush)
        {
            // set_config(..., true) is SET LOCAL: it lasts until this batch's implicit transaction commits.
            batch.BatchCommands.Add(Batched("SELECT set_config('synchronous_commit', 'off', true)"));
        }

        batch.BatchCommands.Add(Batched("SELECT lrc_fence(@s, @t, @e)", ("s", trial.SweepId), ("t", trial.TrialId), ("e", trial.Epoch)));
        foreach (var write in writes())
        {
            batch.BatchCommands.Add(write);
        }

        try
        {
            batch.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState == PostgresSchema.LeaseLostSqlState)
        {
            // Not transient: the retry loop lets it through, and the caller's activation stops.
            throw new LeaseLostException(trial);
        }
    });

    private static List<NpgsqlBatchCommand> InsertPoints(TrialRef trial, IReadOnlyList<LossPoint> points)
    {
        var commands = new List<NpgsqlBatchCommand>();
        var unique = LastPerStep(points);
        for (var start = 0; start < unique.Count; start += PointsPerStatement)
        {
            var n = Math.Min(PointsPerStatement, unique.Count - start);
            var steps = new long[n];
            var lrs = new double[n];
            var losses = new double[n];
            var smoothed = new double[n];
            var momenta = new double?[n];
            for (var i = 0; i < n; i++)
            {
                var p = unique[start + i];
                steps[i] = p.Step;
                lrs[i] = p.Lr;
                losses[i] = p.Loss;
                smoothed[i] = p.Smoothed;
                momenta[i] = p.Momentum;
            }

            // A replayed step must overwrite its row. The batch holds the trial's row lock (Fenced), so no other
            // transaction writes this trial's points and "delete the steps being written, then plain insert" is an
            // exact upsert; it is about three times cheaper on the server than INSERT ... ON CONFLICT, whose
            // speculative insertion costs an extra index round per row. The range bound makes the delete an index
            // range scan that finds nothing for fresh steps; a contiguous chunk (the usual case) needs no step list.
            var contiguous = steps[^1] - steps[0] == n - 1;
            var delete = new NpgsqlBatchCommand(
                "DELETE FROM loss_points WHERE sweep_id = @s AND trial_id = @t AND step BETWEEN @first AND @last"
                + (contiguous ? string.Empty : " AND step = ANY(@steps)"));
            delete.Parameters.Add(new NpgsqlParameter<string>("s", trial.SweepId));
            delete.Parameters.Add(new NpgsqlParameter<string>("t", trial.TrialId));
            delete.Parameters.Add(new NpgsqlParameter<long>("first", steps[0]));
            delete.Parameters.Add(new NpgsqlParameter<long>("last", steps[^1]));
            if (!contiguous)
            {
                delete.Parameters.Add(new NpgsqlParameter<long[]>("steps", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = steps });
            }

            // The columns travel as arrays: one statement, one round trip and one plan per chunk, still an ordinary
            // parameterised query.
            var insert = new NpgsqlBatchCommand(
                """
                INSERT INTO loss_points (sweep_id, trial_id, step, lr, loss, smoothed, momentum)
                SELECT @s, @t, u.step, u.lr, u.loss, u.smoothed, u.momentum
                FROM unnest(@steps, @lrs, @losses, @smoothed, @momenta) AS u(step, lr, loss, smoothed, momentum)
                """);
            insert.Parameters.Add(new NpgsqlParameter<string>("s", trial.SweepId));
            insert.Parameters.Add(new NpgsqlParameter<string>("t", trial.TrialId));
            insert.Parameters.Add(new NpgsqlParameter<long[]>("steps", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = steps });
            insert.Parameters.Add(new NpgsqlParameter<double[]>("lrs", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = lrs });
            insert.Parameters.Add(new NpgsqlParameter<double[]>("losses", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = losses });
            insert.Parameters.Add(new NpgsqlParameter<double[]>("smoothed", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = smoothed });
            insert.Parameters.Add(new NpgsqlParameter<double?[]>("momenta", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = momenta });
            commands.Add(delete);
            commands.Add(insert);
        }

        return commands;
    }

    /// <summary>
    /// One point per step, the last one given winning (as if written one by one): an upsert statement may not
    /// touch the same row twice. Batches are almost always strictly increasing, so that is checked first.
    /// </summary>
    private static IReadOnlyList<LossPoint> LastPerStep(IReadOnlyList<LossPoint> points)
    {
        var increasing = true;
        for (var i = 1; i < points.Count && increasing; i++)
        {
            increasing = points[i].Step > points[i - 1].Step;
        }

        if (increasing)
        {
            return points;
        }

        var byStep = new Dictionary<long, LossPoint>(points.Count);
        foreach (var p in points)
        {
            byStep[p.Step] = p;
        }

        return byStep.Values.OrderBy(p => p.Step).ToList();
    }

    private List<SweepRecord> QuerySweeps(string tail, params (string, object?)[] parameters) => Run(c =>
    {
        using var cmd = Command(c, null, $"SELECT {SweepColumns} FROM sweeps {tail}", parameters);
        using var r = cmd.ExecuteReader();
        var list = new List<SweepRecord>();
        while (r.Read())
        {
            list.Add(new SweepRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<SweepState>(r.GetString(4)),
                r.GetFieldValue<DateTimeOffset>(5), r.GetFieldValue<DateTimeOffset>(6), NullableString(r, 7), NullableString(r, 8), NullableString(r, 9)));
        }

        return list;
    });

    private T Run<T>(Func<NpgsqlConnection, T> operation) => PostgresRetry.Run(
        () =>
        {
            using var c = _dataSource.OpenConnection();
            return operation(c);
        },
        _retryFor,
        _dataSource.Clear);

    private void Run(Action<NpgsqlConnection> operation) => Run(c =>
    {
        operation(c);
        return 0;
    });

    private void InTransaction(Action<NpgsqlConnection, NpgsqlTransaction> operation) => Run(c =>
    {
        using var tx = c.BeginTransaction();
        operation(c, tx);
        tx.Commit();
    });

    private static int Execute(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params (string, object?)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params (string, object?)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        return cmd.ExecuteScalar();
    }

    private static NpgsqlCommand Command(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = new NpgsqlCommand(sql, c, tx);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.Add(Parameter(name, value));
        }

        return cmd;
    }

    private static NpgsqlBatchCommand Batched(string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.Add(Parameter(name, value));
        }

        return cmd;
    }

    private static NpgsqlParameter Parameter(string name, object? value) => value switch
    {
        // timestamptz only accepts UTC instants from Npgsql; the instant is what we keep, not the writer's offset.
        DateTimeOffset at => new NpgsqlParameter<DateTimeOffset>(name, NpgsqlDbType.TimestampTz) { TypedValue = at.ToUniversalTime() },
        // A typed null: the server cannot always infer the type of an untyped one (e.g. inside COALESCE).
        null => new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value },
        _ => new NpgsqlParameter(name, value),
    };

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
