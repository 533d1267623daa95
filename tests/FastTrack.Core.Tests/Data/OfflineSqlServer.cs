using System.Collections;
using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FastTrack.Tests.Data;

/// <summary>
/// The SQL Server provider without a server: EF Core's interceptors keep the connection from opening, hand out a
/// transaction that goes nowhere, and swap every command for one that records its text and answers with no rows
/// (or, when <see cref="OneRow"/> is set, one row of plausible values, so that a handler gets past its first read).
/// Nothing reaches a network; what EF Core would have sent is in <see cref="Statements"/>.
/// </summary>
internal sealed class OfflineSqlServer : DbCommandInterceptor, IDbConnectionInterceptor, IDbTransactionInterceptor
{
    public ConcurrentDictionary<string, int> Statements { get; } = new();

    /// <summary>Answer each command with one row instead of none.</summary>
    public bool OneRow { get; set; }

    public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result) => new RecordingCommand(this, result);

    internal void Record(string sql) => Statements.AddOrUpdate(sql, 1, (_, n) => n + 1);

    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default) => new(InterceptionResult.Suppress());

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        new(InterceptionResult.Suppress());

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result) => InterceptionResult<DbTransaction>.SuppressWithResult(new NowhereTransaction(connection, eventData.IsolationLevel));

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
        new(InterceptionResult<DbTransaction>.SuppressWithResult(new NowhereTransaction(connection, eventData.IsolationLevel)));

    private sealed class NowhereTransaction(DbConnection connection, IsolationLevel isolation) : DbTransaction
    {
        protected override DbConnection DbConnection => connection;
        public override IsolationLevel IsolationLevel => isolation;
        public override void Commit() { }
        public override void Rollback() { }
    }

    /// <summary>Keeps the provider's own command for its parameters; executes nothing.</summary>
    [SuppressMessage("Security", "CA2100", Justification = "Nothing is executed: the text is only recorded.")]
    private sealed class RecordingCommand(OfflineSqlServer owner, DbCommand inner) : DbCommand
    {
        [AllowNull] public override string CommandText { get => inner.CommandText; set => inner.CommandText = value; }
        public override int CommandTimeout { get; set; }
        public override CommandType CommandType { get; set; } = CommandType.Text;
        public override UpdateRowSource UpdatedRowSource { get; set; }
        protected override DbConnection? DbConnection { get; set; }
        protected override DbParameterCollection DbParameterCollection => inner.Parameters;
        protected override DbTransaction? DbTransaction { get; set; }
        public override bool DesignTimeVisible { get; set; }
        public override void Cancel() { }
        public override void Prepare() { }
        protected override DbParameter CreateDbParameter() => inner.CreateParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            owner.Record(CommandText);
            return owner.OneRow ? new OneRowReader() : new DataTable().CreateDataReader();
        }

        public override int ExecuteNonQuery()
        {
            owner.Record(CommandText);
            return 1;
        }

        public override object? ExecuteScalar()
        {
            owner.Record(CommandText);
            return owner.OneRow ? 1 : null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>One row whose every column holds a small plausible value of the type asked for.</summary>
    private sealed class OneRowReader : DbDataReader
    {
        private int _read;
        public override bool Read() => _read++ == 0;
        public override Task<bool> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());
        public override bool NextResult() => false;
        public override int FieldCount => 64;
        public override bool HasRows => true;
        public override bool IsClosed => false;
        public override int RecordsAffected => 1;
        public override int Depth => 0;
        public override object this[int ordinal] => GetValue(ordinal);
        public override object this[string name] => GetValue(0);
        public override bool IsDBNull(int ordinal) => false;
        public override bool GetBoolean(int ordinal) => true;
        public override byte GetByte(int ordinal) => 1;
        public override char GetChar(int ordinal) => '1';
        public override DateTime GetDateTime(int ordinal) => new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        public override decimal GetDecimal(int ordinal) => 1m;
        public override double GetDouble(int ordinal) => 1d;
        public override float GetFloat(int ordinal) => 1f;
        public override Guid GetGuid(int ordinal) => Guid.Empty;
        public override short GetInt16(int ordinal) => 1;
        public override int GetInt32(int ordinal) => 1;
        public override long GetInt64(int ordinal) => 1;
        public override string GetString(int ordinal) => "1";
        public override object GetValue(int ordinal) => 1;
        public override int GetValues(object[] values) { Array.Fill(values, 1); return values.Length; }
        public override string GetName(int ordinal) => "c" + ordinal;
        public override int GetOrdinal(string name) => 0;
        public override string GetDataTypeName(int ordinal) => "int";
        public override Type GetFieldType(int ordinal) => typeof(int);
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => 0;
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => 0;
        public override IEnumerator GetEnumerator() => Array.Empty<object>().GetEnumerator();

        public override T GetFieldValue<T>(int ordinal)
        {
            object value = typeof(T) switch
            {
                var t when t == typeof(DateOnly) => new DateOnly(2026, 12, 1),
                var t when t == typeof(TimeOnly) => new TimeOnly(9, 0),
                var t when t == typeof(DateTimeOffset) => new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
                var t when t == typeof(DateTime) => GetDateTime(ordinal),
                var t when t == typeof(Guid) => Guid.Empty,
                var t when t == typeof(string) => "1",
                var t when t == typeof(byte[]) => Array.Empty<byte>(),
                var t when t == typeof(bool) => true,
                _ => Convert.ChangeType(1, typeof(T), System.Globalization.CultureInfo.InvariantCulture),
            };
            return (T)value;
        }
    }
}
