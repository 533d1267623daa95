using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Users;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Tokens;

/// <summary>
/// An admin, or a partner organisation's admin for a user of their own organisation, issues an API token bound to one user's rights, with a name, an expiry and a scope. The token is returned
/// once, here; only its hash is stored (docs/security.md, API tokens).
/// </summary>
public static class IssueToken
{
    public const int MaxDays = 366;

    [AllowedRoles(Roles.Admin)]
    [PartnerIfOrganisationAdmin]
    public sealed record Command : IRequest<Issued>
    {
        public string UserId { get; init; } = "";
        public string Name { get; init; } = "";
        public ApiTokenScope Scope { get; init; } = ApiTokenScope.Read;
        /// <summary>The token works until the start of this day (UTC).</summary>
        public DateOnly? ExpiresOn { get; init; }
    }

    /// <summary>The new token: <see cref="Secret"/> is shown once and kept nowhere.</summary>
    public sealed record Issued(int Id, string Name, string Secret, DateTimeOffset ExpiresAt)
    {
        public override string ToString() => $"IssueToken.Issued {{ Id = {Id}, Name = {Name} }}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db, TimeProvider clock, ICurrentUser current)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Name the token (what uses it).")
                .MaximumLength(ApiToken.MaxNameLength).WithMessage("A token's name is at most 100 characters.");
            RuleFor(c => c.Scope).IsInEnum().WithMessage("Choose the token's scope.");
            RuleFor(c => c.ExpiresOn).NotNull().WithMessage("Choose the day the token expires.")
                .GreaterThan(_ => Today(clock)).WithMessage("The expiry must be in the future.")
                .LessThanOrEqualTo(_ => Today(clock).AddDays(MaxDays)).WithMessage("A token lasts at most one year.");
            RuleFor(c => c.UserId).NotEmpty().WithMessage("Choose the user whose rights the token carries.")
                .MustAsync(async (id, ct) => await TokenUsers.Of(db, current).AnyAsync(u => u.Id == id && !u.IsDisabled, ct))
                .WithMessage("Choose an enabled user.");
        }
    }

    internal static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    internal static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Issued>
    {
        public async Task<Issued> Handle(Command request, CancellationToken ct)
        {
            var owner = await TokenUsers.Of(db, user).Where(u => u.Id == request.UserId).Select(u => u.UserName).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("User");
            var (token, secret) = ApiToken.Issue(request.UserId, request.Name, request.Scope, StartOf(request.ExpiresOn!.Value), user.Name, clock.GetUtcNow());
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync(ct);
            Audit(db, user, clock, "ApiTokenIssued", token, owner);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new Issued(token.Id, token.Name, secret, token.ExpiresAt);
        }
    }

    /// <summary>The audit row of a token change: who it belongs to, its name, scope and expiry; never the token.</summary>
    internal static void Audit(FastTrackDbContext db, ICurrentUser user, TimeProvider clock, string action, ApiToken token, string owner) =>
        db.Audit(user, clock, action, Domain.Audit.AuditEntities.ApiToken, token.Id.ToString(CultureInfo.InvariantCulture),
        [
            new FieldChange("User", null, owner),
            new FieldChange("Name", null, token.Name),
            new FieldChange("Scope", null, token.Scope.ToString()),
            new FieldChange("Expires", null, token.ExpiresAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ], $"{token.Name} ({token.Hint}…)");
}

/// <summary>
/// The users whose tokens the caller manages: everyone for an admin; for a partner organisation's admin, the users of
/// their own organisation only (a token bound to one of them carries a Partner's rights in that organisation, never more).
/// </summary>
internal static class TokenUsers
{
    public static IQueryable<AppUser> Of(FastTrackDbContext db, ICurrentUser current)
    {
        if (!OrganisationAdmin.IsScoped(current)) return db.Users;
        var organisation = current.PartnerOrganisationId ?? -1;
        return db.Users.Where(u => u.PartnerOrganisationId == organisation);
    }

    /// <summary>The tokens of those users.</summary>
    public static IQueryable<ApiToken> Tokens(FastTrackDbContext db, ICurrentUser current) =>
        OrganisationAdmin.IsScoped(current)
            ? db.ApiTokens.Where(t => Of(db, current).Any(u => u.Id == t.UserId))
            : db.ApiTokens;
}
