using System.Net;
using System.Text.Json;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Users;
using FastTrack.Features.Account;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Infrastructure;

/// <summary>
/// An unexpected exception whose message quotes a posted value (as a conversion or argument check would) is logged by
/// its type and stack trace, never with the value (issue 22 item 7, docs/security.md Logging rules).
/// </summary>
public class ExceptionLogTests
{
    private const string Posted = "posted-secret-9f3c2a71";

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task A_handler_that_throws_with_a_posted_value_in_its_message_logs_the_failure_without_the_value(string environment)
    {
        using var database = new AppDatabase();
        using (var factory = new AppFactory(environment, database))
        using (var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
                   s.AddTransient(typeof(IPipelineBehavior<,>), typeof(ThrowsQuotingTheValue<,>)))))
        {
            // One host only (the factory's own is never started): two loggers on one file would interleave their lines.
            var email = $"fm-{Guid.NewGuid():N}@example.com";
            using (var scope = app.Services.CreateScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                var user = new AppUser { UserName = email, Email = email, DisplayName = "Fay", EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
                Assert.True((await users.CreateAsync(user, AppFactory.Password)).Succeeded);
                await users.AddToRoleAsync(user, Roles.FastTrackManager);
            }
            var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
                { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(environment == "Production" ? "https://localhost" : "http://localhost") });
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Account/SignIn",
                new() { ["Data.Email"] = email, ["Data.Password"] = AppFactory.Password })).StatusCode);

            var response = await client.PostFormAsync("/Account/Profile", new()
            {
                ["Data.CurrentPassword"] = AppFactory.Password, ["Data.NewPassword"] = Posted, ["Data.ConfirmPassword"] = Posted,
            });
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }

        var lines = FastTrack.Web.Tests.Infrastructure.LogFiles.Lines(database);
        var all = string.Join("\n", lines);
        Assert.DoesNotContain(Posted, all, StringComparison.Ordinal);
        Assert.DoesNotContain(AppFactory.Password, all, StringComparison.Ordinal);
        // The failure is still there: the use case, its outcome and the exception's type with where it was thrown.
        var failed = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("Level").GetString() == "Error" && e.TryGetProperty("Exception", out _)).ToList();
        Assert.Contains(failed, e => e.GetProperty("RenderedMessage").GetString()!.StartsWith("\"ChangePassword.Command\"", StringComparison.Ordinal)
            || e.GetProperty("RenderedMessage").GetString()!.StartsWith("ChangePassword.Command", StringComparison.Ordinal));
        Assert.All(failed, e =>
        {
            var exception = e.GetProperty("Exception").GetString()!;
            Assert.StartsWith("System.FormatException (message not logged)", exception, StringComparison.Ordinal);
            Assert.Contains(nameof(ThrowsQuotingTheValue<ChangePassword.Command, Unit>), exception, StringComparison.Ordinal);
        });
    }

    /// <summary>A bug's stand-in: the use case fails with a message that quotes what was posted.</summary>
    private sealed class ThrowsQuotingTheValue<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse> where TRequest : notnull
    {
        public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
            request is ChangePassword.Command c
                ? throw new FormatException($"The input '{c.NewPassword}' was not in a correct format.")
                : next();
    }

}
