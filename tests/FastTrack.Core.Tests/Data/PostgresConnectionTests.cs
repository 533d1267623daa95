using FastTrack.Data;
using Npgsql;

namespace FastTrack.Tests.Data;

public class PostgresConnectionTests
{
    [Fact]
    public void Auto_prepare_and_no_reset_on_close_are_on_unless_the_connection_string_says_otherwise()
    {
        var added = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolDefaults("Host=db;Database=fasttrack;Username=app"));
        Assert.Equal(100, added.MaxAutoPrepare);
        Assert.True(added.NoResetOnClose);
        Assert.Equal(("db", "fasttrack", "app"), (added.Host, added.Database, added.Username));

        var off = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolDefaults("Host=db;Database=fasttrack;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, off.MaxAutoPrepare);
        Assert.False(off.NoResetOnClose);
    }
}
