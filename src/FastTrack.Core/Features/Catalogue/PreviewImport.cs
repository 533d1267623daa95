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
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.FileName).MaximumLength(260);
    }

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Command, ImportPreview>
    {
        public async Task<ImportPreview> Handle(Command request, CancellationToken ct) =>
            (await CatalogueImportPlan.LoadAsync(db, request.FileName, request.Content, request.RetireMissing, ct)).Preview();
    }
}
