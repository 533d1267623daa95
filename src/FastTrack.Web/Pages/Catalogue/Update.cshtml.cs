using FastTrack.Features.Catalogue;
using FastTrack.Web.Infrastructure;
using FastTrack.Web.Messages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Catalogue;

/// <summary>
/// /Catalogue/Update: the catalogue this release ships (the whole playbook) offered to an existing database as an import
/// preview: added, changed field by field, unchanged, and the admin's own edits kept. Applied only on confirmation, and
/// refused when the catalogue changed since the preview (ADR 0015).
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class UpdateModel(IMediator mediator, UserMessages messages) : PageModel, IRedisplay
{
    [BindProperty]
    public ApplyImport.Command Data { get; set; } = new();

    public ImportPreview Preview { get; private set; } = null!;

    public UserMessages Messages => messages;

    public async Task OnGetAsync() => await ShowPreviewAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await mediator.Send(Data with { ShippedCatalogue = true, FileBase64 = "", RetireMissing = false });
        TempData["Success"] = result.NothingChanged
            ? messages.Translate("The catalogue already matches the shipped catalogue: nothing was changed.")
            : messages.Translate("Catalogue updated: {0} added, {1} changed, {2} new phases, processes, sections or services.",
                [result.Added, result.Changed, result.NewItems]);
        return Redirect("/Catalogue");
    }

    /// <summary>A refused update (the catalogue changed since the preview): the preview of the catalogue as it is now.</summary>
    public Task OnRedisplayAsync() => ShowPreviewAsync();

    private async Task ShowPreviewAsync()
    {
        Preview = await mediator.Send(new PreviewImport.Command { ShippedCatalogue = true });
        Data = new ApplyImport.Command { ShippedCatalogue = true, FileName = Preview.FileName, Fingerprint = Preview.Fingerprint };
    }
}
