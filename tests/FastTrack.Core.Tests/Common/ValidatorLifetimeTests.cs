using FastTrack.Common.Security;
using FastTrack.Features.Catalogue;
using FastTrack.Features.Engagements;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace FastTrack.Tests.Common;

/// <summary>
/// Validators without dependencies are built once (their rules are made in the constructor); one that reads the
/// database gets each request's context.
/// </summary>
public class ValidatorLifetimeTests
{
    [Fact]
    public async Task A_validator_without_dependencies_is_shared_and_one_that_reads_the_database_is_per_request()
    {
        await using var db = await TestDatabase.CreateAsync(seed: false);
        await using var services = db.Services(Mock.Of<ICurrentUser>());
        using var first = services.CreateScope();
        using var second = services.CreateScope();

        Assert.Same(first.ServiceProvider.GetRequiredService<IValidator<SetTaskStatus.Command>>(),
            second.ServiceProvider.GetRequiredService<IValidator<SetTaskStatus.Command>>());
        Assert.NotSame(first.ServiceProvider.GetRequiredService<IValidator<EditTask.Command>>(),
            second.ServiceProvider.GetRequiredService<IValidator<EditTask.Command>>());
    }
}
