using FastTrack.Data;
using Npgsql;

namespace FastTrack.Tests.Data;

public class PostgresConnectionTests
{
    [Fact]
    public void Auto_prepare_is_on_unless_the_connection_string_says_otherwise()
    {
        var added = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare("Host=db;Database=fasttrack;Username=app"));
        Assert.Equal(100, added.MaxAutoPrepare);
        Assert.Equal(("db", "fasttrack", "app"), (added.Host, added.Database, added.Username));

        var off = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare("Host=db;Database=fasttrack;Max Auto Prepare=0"));
        Assert.Equal(0, off.MaxAutoPrepare);
    }
}
