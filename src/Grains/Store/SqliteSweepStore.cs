using System.Globalization;
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
            Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            var current = Convert.ToInt32(Scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
            for (var v = current; v < SqliteSchema.Migrations.Count; v++)
            {
                using var tx = _connection.BeginTransaction();
                Execute(SqliteSchema.Migrations[v], tx);
                Execute("INSERT INTO schema_version (version) VALUES ($v)", tx, ("$v", v + 1));
                tx.Commit();
            }
        }
    }

    public void CreateSweep(SweepRecord s)
    {
        lock (_gate)
        {
            Execute(
                "INSERT INTO sweeps (id, name, spec_yaml, spec_file, state, created_at, updated_at) VALUES ($id, $name, $yaml, $file, $state, $at, $at)",
                null, ("$id", s.Id), ("$name", s.Name), ("$yaml", s.SpecYaml), ("$file", s.SpecFile), ("$state", s.State.ToString()), ("$at", s.CreatedAt.ToString("O")));
        }
    }

    public SweepRecord? GetSweep(string id) => QuerySweeps("WHERE id = $id", ("$id", id)).FirstOrDefault();

    public IReadOnlyList<SweepRecord> ListSweeps(int limit) => QuerySweeps("ORDER BY created_at DESC LIMIT $limit", ("$limit", limit));

    public void SetSweepState(string id, SweepState state, string? error = null) =>
        Update("UPDATE sweeps SET state = $state, error = COALESCE($error, error), updated_at = $at WHERE id = $id",
            ("$state", state.ToString()), ("$error", error), ("$at", Now()), ("$id", id));

    public void SaveDecision(string id, string decisionJson) =>
        Update("UPDATE sweeps SET decision_json = $d, updated_at = $at WHERE id = $id", ("$d", decisionJson), ("$at", Now()), ("$id", id));

    public void SaveResults(string id, string resultsJson) =>
        Update("UPDATE sweeps SET results_json = $r, updated_at = $at WHERE id = $id", ("$r", resultsJson), ("$at", Now()), ("$id", id));

    public void UpsertTrial(TrialRecord t) => Update(
        """
        INSERT INTO trials (sweep_id, id, phase, definition_json, status, step, total_steps, lr, smoothed, error)
        VALUES ($sweep, $id, $phase, $def, $status, $step, $total, $lr, $smoothed, $error)
        ON CONFLICT (sweep_id, id) DO UPDATE SET definition_json = excluded.definition_json, status = excluded.status,
            total_steps = excluded.total_steps
        """,
        ("$sweep", t.SweepId), ("$id", t.Id), ("$phase", t.Phase.ToString()), ("$def", t.DefinitionJson), ("$status", t.Status.ToString()),
        ("$step", t.Step), ("$total", t.TotalSteps), ("$lr", t.Lr), ("$smoothed", t.Smoothed), ("$error", t.Error));

    public void UpdateTrialProgress(string sweepId, string trialId, TrialStatus status, long step, double lr, double smoothed, string? error = null) => Update(
        "UPDATE trials SET status = $status, step = $step, lr = $lr, smoothed = $smoothed, error = COALESCE($error, error) WHERE sweep_id = $sweep AND id = $id",
        ("$status", status.ToString()), ("$step", step), ("$lr", Finite(lr)), ("$smoothed", Finite(smoothed)), ("$error", error), ("$sweep", sweepId), ("$id", trialId));

    public IReadOnlyList<TrialRecord> ListTrials(string sweepId)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT sweep_id, id, phase, definition_json, status, step, total_steps, lr, smoothed, error FROM trials WHERE sweep_id = $s ORDER BY phase DESC, id", null, ("$s", sweepId));
            using var r = cmd.ExecuteReader();
            var list = new List<TrialRecord>();
            while (r.Read())
            {
                list.Add(new TrialRecord(r.GetString(0), r.GetString(1), Enum.Parse<TrialPhase>(r.GetString(2)), r.GetString(3),
                    Enum.Parse<TrialStatus>(r.GetString(4)), r.GetInt64(5), r.GetInt64(6), ReadDouble(r, 7), ReadDouble(r, 8), r.IsDBNull(9) ? null : r.GetString(9)));
            }

            return list;
        }
    }

    public void WritePoints(string sweepId, string trialId, IReadOnlyList<LossPoint> points)
    {
        if (points.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            InsertPoints(sweepId, trialId, points, tx);
            tx.Commit();
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

    public void WriteEpoch(string sweepId, string trialId, EpochPoint e) => Update(
        "INSERT OR REPLACE INTO epoch_points (sweep_id, trial_id, epoch, lr, train_loss, val_loss, val_metric) VALUES ($s, $t, $e, $lr, $train, $val, $metric)",
        ("$s", sweepId), ("$t", trialId), ("$e", e.Epoch), ("$lr", Finite(e.Lr)), ("$train", Finite(e.TrainLoss)), ("$val", Finite(e.ValLoss)), ("$metric", Finite(e.ValMetric)));

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

    public void WriteCheckpoint(string sweepId, string trialId, IReadOnlyList<LossPoint> points, TrialCheckpoint checkpoint)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            InsertPoints(sweepId, trialId, points, tx);
            Execute(
                "INSERT OR REPLACE INTO checkpoints (sweep_id, trial_id, next_step, state, schedule_state, written_at) VALUES ($s, $t, $n, $state, $sched, $at)",
                tx, ("$s", sweepId), ("$t", trialId), ("$n", checkpoint.NextStep), ("$state", checkpoint.State), ("$sched", checkpoint.ScheduleState), ("$at", Now()));
            tx.Commit();
        }
    }

    public TrialCheckpoint? ReadCheckpoint(string sweepId, string trialId)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT next_step, state, schedule_state FROM checkpoints WHERE sweep_id = $s AND trial_id = $t", null, ("$s", sweepId), ("$t", trialId));
            using var r = cmd.ExecuteReader();
            return r.Read() ? new TrialCheckpoint(r.GetInt64(0), (byte[])r["state"], r.IsDBNull(2) ? null : r.GetString(2)) : null;
        }
    }

    public void Dispose() => _connection.Dispose();

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

    private static string Now() => DateTimeOffset.UtcNow.ToString("O");
}
