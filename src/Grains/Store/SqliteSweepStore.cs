using System.Globalization;
using System.Text.Json;
using LrCluster.Core.Sweeps;
using LrCluster.Training.Runners;
using Microsoft.Data.Sqlite;

namespace LrCluster.Grains.Store;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Every statement is parameterised. One connection
/// is shared behind a lock: SQLite serialises writers anyway, and a single connection avoids
/// SQLITE_BUSY between our own threads.
/// </summary>
public sealed class SqliteSweepStore : ISweepStore
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public SqliteSweepStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;");
    }

    public void Migrate()
    {
        lock (_gate)
        {
            // Each step reads the version and applies the next migration inside one write transaction
            // (BEGIN IMMEDIATE), so several processes opening the same file migrate it exactly once.
            while (true)
            {
                using var tx = _connection.BeginTransaction(deferred: false);
                Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", tx);
                using var read = Command("SELECT COALESCE(MAX(version), 0) FROM schema_version", tx);
                var current = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (current > SqliteSchema.Migrations.Count)
                {
                    throw new InvalidOperationException($"the store's schema is version {current}, newer than this build knows ({SqliteSchema.Migrations.Count}); upgrade lrc");
                }

                if (current == SqliteSchema.Migrations.Count)
                {
                    return;
                }

                Execute(SqliteSchema.Migrations[current], tx);
                Execute("INSERT INTO schema_version (version) VALUES ($v)", tx, ("$v", current + 1));
                tx.Commit();
            }
        }
    }

    public void CreateSweep(SweepRecord s)
    {
        lock (_gate)
        {
            Execute(
                "INSERT INTO sweeps (id, name, spec_yaml, spec_file, state, created_at, updated_at, cluster_id) VALUES ($id, $name, $yaml, $file, $state, $at, $at, $cluster)",
                null, ("$cluster", s.ClusterId), ("$id", s.Id), ("$name", s.Name), ("$yaml", s.SpecYaml), ("$file", s.SpecFile), ("$state", s.State.ToString()), ("$at", Iso(s.CreatedAt)));
        }
    }

    public SweepRecord? GetSweep(string id) => QuerySweeps("WHERE id = $id", ("$id", id)).FirstOrDefault();

    public IReadOnlyList<SweepRecord> ListSweeps(int limit) => QuerySweeps("ORDER BY created_at DESC LIMIT $limit", ("$limit", limit));

    public void SetSweepState(string id, SweepState state, string? error = null, SweepLease? fence = null) =>
        SweepWrite(id, fence, "state = $state, error = COALESCE($error, error)", ("$state", state.ToString()), ("$error", error));

    public bool TryCancelSweep(string id)
    {
        lock (_gate)
        {
            using var cmd = Command(
                "UPDATE sweeps SET state = 'Cancelled', updated_at = $at WHERE id = $id AND state NOT IN ('Completed', 'Failed', 'Cancelled')",
                null, ("$at", Now()), ("$id", id));
            return cmd.ExecuteNonQuery() == 1;
        }
    }

    public void SaveDecision(string id, string decisionJson, SweepLease? fence = null) =>
        SweepWrite(id, fence, "decision_json = $d", ("$d", decisionJson));

    public void SaveResults(string id, string resultsJson, SweepLease? fence = null) =>
        SweepWrite(id, fence, "results_json = $r", ("$r", resultsJson));

    public SweepLease? ClaimSweep(string sweepId, SiloRef owner)
    {
        lock (_gate)
        {
            using var cmd = Command(
                """
                UPDATE sweeps SET owner = $name, owner_address = $address, lease_epoch = lease_epoch + 1
                WHERE id = $id AND state IN ('Pending', 'RangeTest', 'Deciding', 'Clr')
                RETURNING lease_epoch
                """,
                null, ("$name", owner.Name), ("$address", owner.Address), ("$id", sweepId));
            return cmd.ExecuteScalar() is long epoch ? new SweepLease(sweepId, epoch) : null;
        }
    }

    private void SweepWrite(string id, SweepLease? fence, string set, params (string, object?)[] values)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            if (fence is not null)
            {
                using var check = Command("SELECT lease_epoch, state FROM sweeps WHERE id = $id", tx, ("$id", id));
                using var r = check.ExecuteReader();
                if (!r.Read() || r.GetInt64(0) != fence.Epoch)
                {
                    throw new LeaseLostException(fence);
                }

                if (r.GetString(1) == nameof(SweepState.Cancelled))
                {
                    return;
                }
            }

            Execute($"UPDATE sweeps SET {set}, updated_at = $at WHERE id = $id", tx, [.. values, ("$at", Now()), ("$id", id)]);
            tx.Commit();
        }
    }

    public void EnqueueTrial(TrialRecord t) => EnqueueTrials([t]);

    public void EnqueueTrials(IReadOnlyList<TrialRecord> trials)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            foreach (var t in trials)
            {
                Enqueue(t, tx);
            }

            tx.Commit();
        }
    }

    private void Enqueue(TrialRecord t, SqliteTransaction tx) => Execute(
        """
        INSERT INTO trials (sweep_id, id, phase, definition_json, status, step, total_steps, lr, smoothed, error, lease_epoch)
        VALUES ($sweep, $id, $phase, $def, 'Pending', 0, $total, NULL, NULL, NULL, 0)
        ON CONFLICT (sweep_id, id) DO NOTHING
        """,
        tx, ("$sweep", t.SweepId), ("$id", t.Id), ("$phase", t.Phase.ToString()), ("$def", t.DefinitionJson), ("$total", t.TotalSteps));

    public bool AnyUnfinishedTrials(string sweepId, TrialPhase phase)
    {
        lock (_gate)
        {
            using var cmd = Command(
                "SELECT EXISTS (SELECT 1 FROM trials WHERE sweep_id = $s AND phase = $p AND status IN ('Pending', 'Running'))",
                null, ("$s", sweepId), ("$p", phase.ToString()));
            return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
        }
    }

    public IReadOnlyList<TrialLease> ClaimTrials(SiloRef owner, int max)
    {
        lock (_gate)
        {
            // One writer at a time (the lock, and SQLite's write lock across processes): no trial is claimed twice.
            using var tx = _connection.BeginTransaction(deferred: false);
            var candidates = new List<(string Sweep, string Id, string Phase, string Def, long Epoch)>();
            using (var cmd = Command(
                """
                SELECT t.sweep_id, t.id, t.phase, t.definition_json, t.lease_epoch
                FROM trials t JOIN sweeps s ON s.id = t.sweep_id
                WHERE s.cluster_id = $cluster AND s.state NOT IN ('Cancelled', 'Failed', 'Completed') AND t.status = 'Pending'
                ORDER BY s.created_at, t.sweep_id, t.id
                LIMIT $max
                """,
                tx, ("$cluster", owner.ClusterId), ("$max", max)))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    candidates.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4)));
                }
            }

            var leases = new List<TrialLease>();
            foreach (var c in candidates)
            {
                Execute(
                    "UPDATE trials SET owner = $name, owner_address = $address, lease_epoch = $epoch, status = 'Running' WHERE sweep_id = $s AND id = $t",
                    tx, ("$name", owner.Name), ("$address", owner.Address), ("$epoch", c.Epoch + 1), ("$s", c.Sweep), ("$t", c.Id));
                leases.Add(new TrialLease(new TrialRef(c.Sweep, c.Id, c.Epoch + 1), Enum.Parse<TrialPhase>(c.Phase), c.Def));
            }

            tx.Commit();
            return leases;
        }
    }

    public void ReleaseLease(TrialRef trial) => Update(
        "UPDATE trials SET status = 'Pending', owner = NULL, owner_address = NULL WHERE sweep_id = $s AND id = $t AND lease_epoch = $epoch AND status = 'Running'",
        ("$s", trial.SweepId), ("$t", trial.TrialId), ("$epoch", trial.Epoch));

    public int RequeueTrialsOf(IReadOnlyCollection<string> ownerAddresses)
    {
        lock (_gate)
        {
            var requeued = 0;
            foreach (var address in ownerAddresses)
            {
                using var cmd = Command("UPDATE trials SET status = 'Pending', owner = NULL, owner_address = NULL WHERE status = 'Running' AND owner_address = $a",
                    null, ("$a", address));
                requeued += cmd.ExecuteNonQuery();
            }

            return requeued;
        }
    }

    public IReadOnlyList<string> SweepsCoordinatedBy(IReadOnlyCollection<string> ownerAddresses)
    {
        lock (_gate)
        {
            var ids = new List<string>();
            foreach (var address in ownerAddresses)
            {
                using var cmd = Command("SELECT id FROM sweeps WHERE state IN ('Pending', 'RangeTest', 'Deciding', 'Clr') AND owner_address = $a ORDER BY created_at, id",
                    null, ("$a", address));
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    ids.Add(r.GetString(0));
                }
            }

            return ids;
        }
    }

    public IReadOnlyDictionary<string, int> RunningTrialsByOwner()
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT owner_address, count(*) FROM trials WHERE status = 'Running' AND owner_address IS NOT NULL GROUP BY owner_address", null);
            using var r = cmd.ExecuteReader();
            var busy = new Dictionary<string, int>(StringComparer.Ordinal);
            while (r.Read())
            {
                busy[r.GetString(0)] = (int)r.GetInt64(1);
            }

            return busy;
        }
    }

    public void UpdateTrialProgress(TrialRef trial, TrialStatus status, long step, double lr, double smoothed, string? error = null)
        => Fenced(trial, tx => SetProgress(trial, status, step, lr, smoothed, error, tx));

    private void SetProgress(TrialRef trial, TrialStatus status, long step, double lr, double smoothed, string? error, SqliteTransaction tx) => Execute(
        "UPDATE trials SET status = $status, step = $step, lr = $lr, smoothed = $smoothed, error = COALESCE($error, error) WHERE sweep_id = $sweep AND id = $id",
        tx, ("$status", status.ToString()), ("$step", step), ("$lr", lr), ("$smoothed", smoothed), ("$error", error), ("$sweep", trial.SweepId), ("$id", trial.TrialId));

    public IReadOnlyList<TrialRecord> ListTrials(string sweepId)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT sweep_id, id, phase, definition_json, status, step, total_steps, lr, smoothed, error, owner, lease_epoch FROM trials WHERE sweep_id = $s ORDER BY phase DESC, id", null, ("$s", sweepId));
            using var r = cmd.ExecuteReader();
            var list = new List<TrialRecord>();
            while (r.Read())
            {
                list.Add(new TrialRecord(r.GetString(0), r.GetString(1), Enum.Parse<TrialPhase>(r.GetString(2)), r.GetString(3),
                    Enum.Parse<TrialStatus>(r.GetString(4)), r.GetInt64(5), r.GetInt64(6), ReadDouble(r, 7), ReadDouble(r, 8), r.IsDBNull(9) ? null : r.GetString(9),
                    r.IsDBNull(10) ? null : r.GetString(10), r.GetInt64(11)));
            }

            return list;
        }
    }

    public void FinishTrial(TrialRef trial, IReadOnlyList<LossPoint> points, TrialStatus status, long step, double lr, double smoothed, string? error = null)
    {
        Fenced(trial, tx =>
        {
            InsertPoints(trial.SweepId, trial.TrialId, points, tx);
            SetProgress(trial, status, step, lr, smoothed, error, tx);
        });
    }

    public void WritePoints(TrialRef trial, IReadOnlyList<LossPoint> points)
    {
        if (points.Count > 0)
        {
            Fenced(trial, tx => InsertPoints(trial.SweepId, trial.TrialId, points, tx));
        }
    }

    public IReadOnlyList<LossPoint> ReadPoints(string sweepId, string trialId)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT step, lr, loss, smoothed, momentum FROM loss_points WHERE sweep_id = $s AND trial_id = $t ORDER BY step", null, ("$s", sweepId), ("$t", trialId));
            using var r = cmd.ExecuteReader();
            var list = new List<LossPoint>();
            while (r.Read())
            {
                list.Add(new LossPoint(r.GetInt64(0), ReadDouble(r, 1), ReadDouble(r, 2), ReadDouble(r, 3), r.IsDBNull(4) ? null : r.GetDouble(4)));
            }

            return list;
        }
    }

    // One lock and one statement per trial: SQLite runs in process, so a round trip costs nothing to save here.
    public IReadOnlyDictionary<string, IReadOnlyList<LossPoint>> ReadPointsOf(string sweepId, IReadOnlyCollection<string> trialIds) =>
        trialIds.Distinct().ToDictionary(id => id, id => ReadPoints(sweepId, id), StringComparer.Ordinal);

    public void WriteEpoch(TrialRef trial, EpochPoint e) => Fenced(trial, tx => Execute(
        "INSERT OR REPLACE INTO epoch_points (sweep_id, trial_id, epoch, lr, train_loss, val_loss, val_metric) VALUES ($s, $t, $e, $lr, $train, $val, $metric)",
        tx, ("$s", trial.SweepId), ("$t", trial.TrialId), ("$e", e.Epoch), ("$lr", Finite(e.Lr)), ("$train", Finite(e.TrainLoss)), ("$val", Finite(e.ValLoss)), ("$metric", Finite(e.ValMetric))));

    public IReadOnlyList<EpochPoint> ReadEpochs(string sweepId, string trialId)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT epoch, lr, train_loss, val_loss, val_metric FROM epoch_points WHERE sweep_id = $s AND trial_id = $t ORDER BY epoch", null, ("$s", sweepId), ("$t", trialId));
            using var r = cmd.ExecuteReader();
            var list = new List<EpochPoint>();
            while (r.Read())
            {
                list.Add(new EpochPoint(r.GetInt32(0), ReadDouble(r, 1), ReadDouble(r, 2), ReadDouble(r, 3), ReadDouble(r, 4)));
            }

            return list;
        }
    }

    public void WriteEvaluation(TrialRef trial, EvaluationPoint e) => Fenced(trial, tx => Execute(
        "INSERT OR REPLACE INTO eval_points (sweep_id, trial_id, step, lr, val_loss, val_metric) VALUES ($s, $t, $step, $lr, $val, $metric)",
        tx, ("$s", trial.SweepId), ("$t", trial.TrialId), ("$step", e.Step), ("$lr", Finite(e.Lr)), ("$val", Finite(e.ValLoss)), ("$metric", Finite(e.ValMetric))));

    public IReadOnlyList<EvaluationPoint> ReadEvaluations(string sweepId, string trialId)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT step, lr, val_loss, val_metric FROM eval_points WHERE sweep_id = $s AND trial_id = $t ORDER BY step", null, ("$s", sweepId), ("$t", trialId));
            using var r = cmd.ExecuteReader();
            var list = new List<EvaluationPoint>();
            while (r.Read())
            {
                list.Add(new EvaluationPoint(r.GetInt64(0), ReadDouble(r, 1), ReadDouble(r, 2), ReadDouble(r, 3)));
            }

            return list;
        }
    }

    public void WriteCheckpoint(TrialRef trial, IReadOnlyList<LossPoint> points, TrialCheckpoint checkpoint) => Fenced(trial, tx =>
    {
        InsertPoints(trial.SweepId, trial.TrialId, points, tx);
        Execute(
            "INSERT OR REPLACE INTO checkpoints (sweep_id, trial_id, next_step, state, schedule_state, epoch_loss_sum, written_at) VALUES ($s, $t, $n, $state, $sched, $sum, $at)",
            tx, ("$s", trial.SweepId), ("$t", trial.TrialId), ("$n", checkpoint.NextStep), ("$state", checkpoint.State), ("$sched", checkpoint.ScheduleState),
            ("$sum", checkpoint.EpochLossSum), ("$at", Now()));
    });

    public TrialCheckpoint? ReadCheckpoint(string sweepId, string trialId)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT next_step, state, schedule_state, epoch_loss_sum FROM checkpoints WHERE sweep_id = $s AND trial_id = $t", null, ("$s", sweepId), ("$t", trialId));
            using var r = cmd.ExecuteReader();
            return r.Read() ? new TrialCheckpoint(r.GetInt64(0), (byte[])r["state"], r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetDouble(3)) : null;
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Runs a trial write in one transaction after checking, under the write lock, that the caller's epoch is current.</summary>
    private void Fenced(TrialRef trial, Action<SqliteTransaction> write)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            using (var check = Command("SELECT lease_epoch FROM trials WHERE sweep_id = $s AND id = $t", tx, ("$s", trial.SweepId), ("$t", trial.TrialId)))
            {
                // Epoch 0 is refused too: no activation holds a trial that was never claimed.
                if (check.ExecuteScalar() is not long epoch || epoch != trial.Epoch || trial.Epoch < 1)
                {
                    throw new LeaseLostException(trial);
                }
            }

            write(tx);
            tx.Commit();
        }
    }

    private void InsertPoints(string sweepId, string trialId, IReadOnlyList<LossPoint> points, SqliteTransaction tx)
    {
        using var cmd = Command(
            "INSERT OR REPLACE INTO loss_points (sweep_id, trial_id, step, lr, loss, smoothed, momentum) VALUES ($s, $t, $step, $lr, $loss, $smoothed, $m)",
            tx, ("$s", sweepId), ("$t", trialId), ("$step", 0L), ("$lr", 0.0), ("$loss", 0.0), ("$smoothed", 0.0), ("$m", null));
        cmd.Prepare();
        foreach (var p in points)
        {
            cmd.Parameters["$step"].Value = p.Step;
            cmd.Parameters["$lr"].Value = p.Lr;
            cmd.Parameters["$loss"].Value = Finite(p.Loss);
            cmd.Parameters["$smoothed"].Value = Finite(p.Smoothed);
            cmd.Parameters["$m"].Value = (object?)p.Momentum ?? DBNull.Value;
            cmd.ExecuteNonQuery();
        }
    }

    private List<SweepRecord> QuerySweeps(string tail, params (string, object?)[] parameters)
    {
        lock (_gate)
        {
            using var cmd = Command($"SELECT id, name, spec_yaml, spec_file, state, created_at, updated_at, decision_json, results_json, error FROM sweeps {tail}", null, parameters);
            using var r = cmd.ExecuteReader();
            var list = new List<SweepRecord>();
            while (r.Read())
            {
                list.Add(new SweepRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<SweepState>(r.GetString(4)),
                    DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture), DateTimeOffset.Parse(r.GetString(6), CultureInfo.InvariantCulture),
                    r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9)));
            }

            return list;
        }
    }

    private void Update(string sql, params (string, object?)[] parameters)
    {
        lock (_gate)
        {
            Execute(sql, null, parameters);
        }
    }

    private void Execute(string sql, SqliteTransaction? tx = null, params (string, object?)[] parameters)
    {
        using var cmd = Command(sql, tx, parameters);
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var cmd = Command(sql, null);
        return cmd.ExecuteScalar();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx, params (string Name, object? Value)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value is double d ? Finite(d) : value ?? DBNull.Value);
        }

        return cmd;
    }

    // SQLite stores NaN as NULL; we read NULL back as NaN so a diverged point keeps its meaning.
    private static object Finite(double value) => double.IsNaN(value) ? DBNull.Value : value;

    private static double ReadDouble(SqliteDataReader r, int i) => r.IsDBNull(i) ? double.NaN : r.GetDouble(i);

    private static string Now() => Iso(DateTimeOffset.UtcNow);

    // One fixed UTC format, so that timestamps compare correctly as text in SQL.
    private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
