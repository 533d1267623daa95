using FastTrack.Common.Security;
using FastTrack.Domain.Common;
using FastTrack.Domain.Users;
using FastTrack.Features.Tokens;
using FastTrack.Features.Users;
using FastTrack.Tests.Features.Partners;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Features.Tokens;

/// <summary>
/// A partner organisation's admin (issue 18 item 2) manages the API tokens of their own organisation's users: never
/// another organisation's, and only while the flag is set.
/// </summary>
public class TokensOfAnOrganisationTests
{
    private static IssueToken.Command For(string userId) =>
        new() { UserId = userId, Name = "PSA sync", Scope = ApiTokenScope.ReadWrite, ExpiresOn = new DateOnly(2027, 1, 31) };

    [Fact]
    public async Task An_organisation_admin_issues_lists_rotates_and_revokes_tokens_of_their_organisations_users()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var orgAdmin = w.PartnerANotAssigned;
        var issued = await w.Send(For(w.PartnerAAssigned.Id!), orgAdmin);
        var forB = await w.Send(For(w.PartnerB.Id!), w.Admin);

        var list = await w.Send(new ListTokens.Query(), orgAdmin);
        Assert.Equal([issued.Id], list.Items.Select(i => i.Id));
        Assert.Equal(new[] { w.PartnerAAssigned.Id, w.PartnerANotAssigned.Id }.Order(), list.Users.Select(u => u.Id).Order());
        Assert.DoesNotContain(list.Users, u => u.Id == w.PartnerB.Id || u.Id == w.Admin.Id || u.Id == w.Fm.Id);

        var rotated = await w.Send(new RotateToken.Command(issued.Id), orgAdmin);
        await w.Send(new RevokeToken.Command(rotated.Id), orgAdmin);
        await using var db = w.F.Context();
        Assert.All(await db.ApiTokens.Where(t => t.Id == issued.Id || t.Id == rotated.Id).ToListAsync(), t => Assert.NotNull(t.RevokedAt));
        Assert.Null((await db.ApiTokens.SingleAsync(t => t.Id == forB.Id)).RevokedAt);
        // Audited under the organisation admin's name, like an admin's: issued, rotated (revoked + issued), revoked.
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.UserId == orgAdmin.Id && a.EntityType == "ApiToken"));
    }

    [Fact]
    public async Task An_organisation_admin_cannot_issue_for_another_organisations_user_nor_an_admin()
    {
        await using var w = await PartnerWorld.CreateAsync();
        foreach (var other in new[] { w.PartnerB.Id!, w.Admin.Id!, w.Fm.Id! })
        {
            var refused = await Assert.ThrowsAsync<ValidationException>(() => w.Send(For(other), w.PartnerANotAssigned));
            Assert.Contains(refused.Errors, e => e.PropertyName == "UserId");
        }
        await using var db = w.F.Context();
        Assert.Equal(0, await db.ApiTokens.CountAsync());
    }

    [Fact]
    public async Task Another_organisations_token_is_not_found_for_rotate_and_revoke()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var forB = await w.Send(For(w.PartnerB.Id!), w.Admin);
        await Assert.ThrowsAsync<NotFoundException>(() => w.Send(new RevokeToken.Command(forB.Id), w.PartnerANotAssigned));
        await Assert.ThrowsAsync<NotFoundException>(() => w.Send(new RotateToken.Command(forB.Id), w.PartnerANotAssigned));
        await using var db = w.F.Context();
        var token = await db.ApiTokens.SingleAsync();
        Assert.Null(token.RevokedAt);
    }

    [Fact]
    public async Task A_partner_who_is_not_organisation_admin_and_one_whose_flag_was_removed_are_forbidden()
    {
        await using var w = await PartnerWorld.CreateAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(new ListTokens.Query(), w.PartnerAAssigned));
        await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(For(w.PartnerAAssigned.Id!), w.PartnerAAssigned));

        var edit = await w.Send(new EditUser.Query(w.PartnerANotAssigned.Id!), w.Admin);
        Assert.True(edit.IsOrganisationAdmin);
        await w.Send(edit with { IsOrganisationAdmin = false }, w.Admin);
        // The flag is read from the database on every request: the cookie's claim does not keep it alive.
        await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(new ListTokens.Query(), w.PartnerANotAssigned));
        await using var db = w.F.Context();
        var audit = await db.AuditEntries.Where(a => a.Action == "UserChanged" && a.EntityId == w.PartnerANotAssigned.Id).SingleAsync();
        Assert.Contains(audit.Changes(), c => c.Field == "Organisation admin" && c.Before == "yes" && c.After == "no");
    }

    [Fact]
    public async Task The_flag_is_kept_only_for_a_partner()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var fm = await w.Send(new EditUser.Query(w.Fm.Id!), w.Admin);
        await w.Send(fm with { IsOrganisationAdmin = true }, w.Admin);
        await using var db = w.F.Context();
        Assert.False(await db.Users.Where(u => u.Id == w.Fm.Id).Select(u => u.IsOrganisationAdmin).SingleAsync());
    }
}
