namespace LrCluster.Grains.Store.Postgres;

/// <summary>
/// Versioned migrations: index i moves the schema from version i to i + 1. Append, never edit: a silo that
/// already applied a migration never runs it again, so an edit would leave clusters with different schemas.
/// Enum columns hold the member names as text (readable in psql and Grafana, and no ALTER TYPE to add a member);
/// doubles are double precision, which keeps NaN and infinities natively.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The key of the transaction-scoped advisory lock that serialises migrations across silos ("LRCMIGR").</summary>
    public const long MigrationLockKey = 0x4C52434D494752;

    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE sweeps (
            id text PRIMARY KEY,
            name text NOT NULL,
            spec_yaml text NOT NULL,
            spec_file text NOT NULL,
            state text NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            decision_json text,
            results_json text,
            error text,
            owner text,
            lease_epoch bigint NOT NULL DEFAULT 0,
            lease_expires_at timestamptz);
        CREATE INDEX sweeps_created_at ON sweeps (created_at);

        CREATE TABLE silos (
            name text PRIMARY KEY,
            address text NOT NULL,
            slots integer NOT NULL,
            busy_slots integer NOT NULL,
            devices text[] NOT NULL,
            started_at timestamptz NOT NULL,
            heartbeat_at timestamptz NOT NULL,
            status text NOT NULL);

        -- owner is deliberately not a foreign key to silos: a silo may claim before its first heartbeat lands.
        CREATE TABLE trials (
            sweep_id text NOT NULL REFERENCES sweeps(id),
            id text NOT NULL,
            phase text NOT NULL,
            definition_json text NOT NULL,
            status text NOT NULL,
            step bigint NOT NULL,
            total_steps bigint NOT NULL,
            lr double precision NOT NULL,
            smoothed double precision NOT NULL,
            error text,
            owner text,
            lease_epoch bigint NOT NULL DEFAULT 0,
            lease_expires_at timestamptz,
            PRIMARY KEY (sweep_id, id));
        -- Claims scan only the runnable trials; finished ones pile up and must not slow them down.
        CREATE INDEX trials_runnable ON trials (sweep_id, id) WHERE status IN ('Pending', 'Running');

        CREATE TABLE loss_points (
            sweep_id text NOT NULL,
            trial_id text NOT NULL,
            step bigint NOT NULL,
            lr double precision NOT NULL,
            loss double precision NOT NULL,
            smoothed double precision NOT NULL,
            momentum double precision,
            PRIMARY KEY (sweep_id, trial_id, step));

        CREATE TABLE epoch_points (
            sweep_id text NOT NULL,
            trial_id text NOT NULL,
            epoch integer NOT NULL,
            lr double precision NOT NULL,
            train_loss double precision NOT NULL,
            val_loss double precision NOT NULL,
            val_metric double precision NOT NULL,
            PRIMARY KEY (sweep_id, trial_id, epoch));

        CREATE TABLE checkpoints (
            sweep_id text NOT NULL,
            trial_id text NOT NULL,
            next_step bigint NOT NULL,
            state bytea NOT NULL,
            schedule_state text,
            written_at timestamptz NOT NULL,
            PRIMARY KEY (sweep_id, trial_id));
        """,
        // 2: the fence as a function, so a fenced write is one round trip: the check and the writes go to the server as one
        // batch (one implicit transaction), and a stale epoch aborts it before any write runs. The row lock it takes is
        // held to commit, so a claim cannot raise the epoch between the check and the writes. Epoch 0 is refused too: no
        // activation holds a trial that was never claimed (and TrialRef.IsFirstActivation relies on that).
        $"""
        CREATE FUNCTION lrc_fence(p_sweep text, p_trial text, p_epoch bigint) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
            current_epoch bigint;
        BEGIN
            SELECT lease_epoch INTO current_epoch FROM trials WHERE sweep_id = p_sweep AND id = p_trial FOR UPDATE;
            IF p_epoch < 1 OR current_epoch IS DISTINCT FROM p_epoch THEN
                RAISE EXCEPTION 'lease epoch % of trial % is not current', p_epoch, p_trial USING ERRCODE = '{LeaseLostSqlState}';
            END IF;
        END
        $$;
        """,
        // 3: Orleans runs the cluster. Its membership lives in tables of our own (PostgresMembershipTable), so the silos
        // table, its heartbeats and the lease expiry columns go; an owner is recorded by its Orleans address (unique per
        // process lifetime), and sweeps belong to a cluster id, so an lrc run on the same database keeps its own queue.
        """
        DROP TABLE silos;
        ALTER TABLE sweeps DROP COLUMN lease_expires_at;
        ALTER TABLE sweeps ADD COLUMN owner_address text;
        ALTER TABLE sweeps ADD COLUMN cluster_id text NOT NULL DEFAULT 'lrc';
        ALTER TABLE trials DROP COLUMN lease_expires_at;
        ALTER TABLE trials ADD COLUMN owner_address text;
        CREATE INDEX trials_running_owner ON trials (owner_address) WHERE status = 'Running';

        CREATE TABLE membership_versions (
            cluster_id text PRIMARY KEY,
            version integer NOT NULL,
            etag bigint NOT NULL);

        CREATE TABLE membership (
            cluster_id text NOT NULL REFERENCES membership_versions(cluster_id) ON DELETE CASCADE,
            address text NOT NULL,
            port integer NOT NULL,
            generation integer NOT NULL,
            silo_name text NOT NULL,
            host_name text NOT NULL,
            status integer NOT NULL,
            proxy_port integer NOT NULL,
            role_name text,
            update_zone integer NOT NULL,
            fault_zone integer NOT NULL,
            suspect_times text NOT NULL,
            start_time timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            etag bigint NOT NULL,
            PRIMARY KEY (cluster_id, address, port, generation));
        """,
        // 4: cyclical trials evaluate every k steps (clr.evaluateEvery), and may checkpoint inside an epoch with that epoch's loss sum so far.
        """
        CREATE TABLE eval_points (
            sweep_id text NOT NULL,
            trial_id text NOT NULL,
            step bigint NOT NULL,
            lr double precision NOT NULL,
            val_loss double precision NOT NULL,
            val_metric double precision NOT NULL,
            PRIMARY KEY (sweep_id, trial_id, step));
        ALTER TABLE checkpoints ADD COLUMN epoch_loss_sum double precision;
        """,
    ];

    /// <summary>The SQLSTATE <c>lrc_fence</c> raises for a stale epoch (class "LR" is ours; PostgreSQL never uses it).</summary>
    public const string LeaseLostSqlState = "LR001";
}
