using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>
/// Admin applies a previewed import: the file travels back (base64) with the preview's fingerprint, the plan is
/// recomputed and written in one transaction, or refused when the catalogue changed since the preview.
/// </summary>
public static class ApplyImport
{
    public const string StaleMessage = "The catalogue changed since your preview; review the new preview";
    public const string ProblemsMessage = "The file has problems; nothing was imported. Correct them and upload the file again.";

    [AllowedRoles(Roles.Admin)]
    public sealed record Command : IRequest<Result>
    {
        public string FileName { get; init; } = "";
        /// <summary>The uploaded file, base64: the app keeps nothing between preview and apply.</summary>
        public string FileBase64 { get; init; } = "";
        public bool RetireMissing { get; init; }
        /// <summary>The <see cref="ImportPreview.Fingerprint"/> the admin reviewed.</summary>
        public string Fingerprint { get; init; } = "";
        /// <summary>Apply the catalogue update (the shipped catalogue, as <see cref="PreviewImport.Command.ShippedCatalogue"/>); no file travels.</summary>
        public bool ShippedCatalogue { get; init; }

        public byte[] Content() => Convert.FromBase64String(FileBase64);
    }

    public sealed record Result(int Added, int Changed, int Retired, int Restored, int NewItems)
    {
        public bool NothingChanged => Added + Changed + Retired + Restored + NewItems == 0;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).MaximumLength(260);
            RuleFor(c => c.Fingerprint).NotEmpty();
            RuleFor(c => c.FileBase64).NotEmpty()
                .MaximumLength((CatalogueCsv.MaxBytes + 2) / 3 * 4)
                .Must(b => Convert.TryFromBase64String(b, new byte[b.Length], out _))
                .WithMessage("The uploaded file was damaged on its way back; upload it again.")
                .Unless(c => c.ShippedCatalogue);
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken ct)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var plan = request.ShippedCatalogue
                ? await CatalogueImportPlan.LoadUpdateAsync(db, ct)
                : await CatalogueImportPlan.LoadAsync(db, request.FileName, request.Content(), request.RetireMissing, ct);
            if (plan.Problems.Count > 0) throw new DomainException(ProblemsMessage);
            if (plan.Fingerprint != request.Fingerprint) throw new DomainException(StaleMessage);
            if (!plan.Preview().HasChanges) return new Result(0, 0, 0, 0, 0);

            var result = plan.Apply(db, user, clock);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConcurrencyConflictException(StaleMessage);
            }
            await tx.CommitAsync(ct);
            return result;
        }
    }
}
