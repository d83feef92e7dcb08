namespace LrCluster.Grains.Store;

/// <summary>Versioned migrations: index i moves the schema from version i to i + 1. Append, never edit.</summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE sweeps (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            spec_yaml TEXT NOT NULL,
            spec_file TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            decision_json TEXT,
            results_json TEXT,
            error TEXT);
        CREATE TABLE trials (
            sweep_id TEXT NOT NULL REFERENCES sweeps(id),
            id TEXT NOT NULL,
            phase TEXT NOT NULL,
            definition_json TEXT NOT NULL,
            status TEXT NOT NULL,
            step INTEGER NOT NULL,
            total_steps INTEGER NOT NULL,
            lr REAL,
            smoothed REAL,
            error TEXT,
            PRIMARY KEY (sweep_id, id));
        CREATE TABLE loss_points (
            sweep_id TEXT NOT NULL,
            trial_id TEXT NOT NULL,
            step INTEGER NOT NULL,
            lr REAL NOT NULL,
            loss REAL,
            smoothed REAL,
            momentum REAL,
            PRIMARY KEY (sweep_id, trial_id, step)) WITHOUT ROWID;
        CREATE TABLE epoch_points (
            sweep_id TEXT NOT NULL,
            trial_id TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            lr REAL,
            train_loss REAL,
            val_loss REAL,
            val_metric REAL,
            PRIMARY KEY (sweep_id, trial_id, epoch)) WITHOUT ROWID;
        CREATE TABLE checkpoints (
            sweep_id TEXT NOT NULL,
            trial_id TEXT NOT NULL,
            next_step INTEGER NOT NULL,
            state BLOB NOT NULL,
            schedule_state TEXT,
            written_at TEXT NOT NULL,
            PRIMARY KEY (sweep_id, trial_id));
        """,
        """
        ALTER TABLE trials ADD COLUMN owner TEXT;
        ALTER TABLE trials ADD COLUMN lease_epoch INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE trials ADD COLUMN lease_expires_at TEXT;
        CREATE INDEX trials_runnable ON trials (status, lease_expires_at);
        CREATE TABLE silos (
            name TEXT PRIMARY KEY,
            address TEXT NOT NULL,
            slots INTEGER NOT NULL,
            busy_slots INTEGER NOT NULL,
            devices TEXT NOT NULL,
            started_at TEXT NOT NULL,
            heartbeat_at TEXT NOT NULL,
            status TEXT NOT NULL);
        """,
        """
        ALTER TABLE sweeps ADD COLUMN owner TEXT;
        ALTER TABLE sweeps ADD COLUMN lease_epoch INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sweeps ADD COLUMN lease_expires_at TEXT;
        """,
        // 4: Orleans runs the cluster (membership is Orleans' own); owners are Orleans addresses, sweeps belong to a cluster id.
        """
        DROP TABLE silos;
        DROP INDEX trials_runnable;
        ALTER TABLE sweeps DROP COLUMN lease_expires_at;
        ALTER TABLE sweeps ADD COLUMN owner_address TEXT;
        ALTER TABLE sweeps ADD COLUMN cluster_id TEXT NOT NULL DEFAULT 'lrc';
        ALTER TABLE trials DROP COLUMN lease_expires_at;
        ALTER TABLE trials ADD COLUMN owner_address TEXT;
        CREATE INDEX trials_runnable ON trials (sweep_id, status);
        """,
        // 5: cyclical trials evaluate every k steps (clr.evaluateEvery), and may checkpoint inside an epoch with that epoch's loss sum so far.
        """
        CREATE TABLE eval_points (
            sweep_id TEXT NOT NULL,
            trial_id TEXT NOT NULL,
            step INTEGER NOT NULL,
            lr REAL,
            val_loss REAL,
            val_metric REAL,
            PRIMARY KEY (sweep_id, trial_id, step)) WITHOUT ROWID;
        ALTER TABLE checkpoints ADD COLUMN epoch_loss_sum REAL;
        """,
    ];
}
