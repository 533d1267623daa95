using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FluentValidation;
using MediatR;

namespace FastTrack.Features.Catalogue;

/// <summary>Admin uploads a catalogue file: what would be added, changed, retired, restored and created. Writes nothing.</summary>
public static class PreviewImport
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : IRequest<ImportPreview>
    {
        public string FileName { get; init; } = "";
        public byte[] Content { get; init; } = [];
        /// <summary>Retire the active catalogue tasks that are not in the file.</summary>
        public bool RetireMissing { get; init; }
        /// <summary>
        /// Preview the catalogue update instead of a file: the shipped catalogue (the whole playbook) over this one, with
        /// the admin's own edits kept (/Catalogue/Update, ADR 0015).
        /// </summary>
        public bool ShippedCatalogue { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.FileName).MaximumLength(260);
    }

    internal sealed class Handler(FastTrackDbContext db, Common.Caching.ReadCache cache) : IRequestHandler<Command, ImportPreview>
    {
        public async Task<ImportPreview> Handle(Command request, CancellationToken ct)
        {
            if (!request.ShippedCatalogue)
                return (await CatalogueImportPlan.LoadAsync(db, request.FileName, request.Content, request.RetireMissing, ct)).Preview();
            // The catalogue page asks on every admin visit whether an update is offered: kept under the catalogue's revision.
            var stamp = await RevisionStamps.SharedAsync(db);
            return await cache.GetOrReadAsync((nameof(PreviewImport), stamp.Catalogue),
                async () => (await CatalogueImportPlan.LoadUpdateAsync(db, ct)).Preview(),
                p => 64 * 1024 + 512L * (p.Added.Count + p.Changed.Count + p.Kept.Count + p.SectionsChanged.Count + p.NewItems.Count));
        }
    }
}
