using FastTrack.Common.Security;
using FastTrack.Data;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Account;

/// <summary>Remembers the language a signed-in user chose (the language menu): their mails are written in it.</summary>
public static class SetLanguage
{
    public static readonly string[] Cultures = ["en", "ja", "zh-Hans"];

    [AnySignedInUser]
    public sealed record Command(string Culture) : IRequest<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Culture).Must(c => Cultures.Contains(c)).WithMessage("Choose English, Japanese or Chinese.");
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            // Around the change tracker: the language is in no cached read, so it raises no counter (ADR 0009).
            using (db.Database.CurrentTransaction is null && db is SqliteFastTrackDbContext ? await SqliteWriteGate.EnterAsync(db.Database.GetConnectionString(), ct) : null)
                await db.Users.Where(u => u.Id == user.Id && u.Culture != request.Culture).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, request.Culture), ct);
            return Unit.Value;
        }
    }
}
