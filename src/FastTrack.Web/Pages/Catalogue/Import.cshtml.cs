using FastTrack.Features.Catalogue;
using FastTrack.Web.Infrastructure;
using FastTrack.Web.Messages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Catalogue;

/// <summary>
/// /Catalogue/Import: upload a catalogue file, review the preview, apply. Nothing is kept on the server between the
/// two steps: the apply form carries the file (base64) and the preview's fingerprint.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class ImportModel(IMediator mediator, UserMessages messages) : PageModel, IRedisplay
{
    /// <summary>The file of the preview step.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool RetireMissing { get; set; }

    /// <summary>The apply step: hidden fields written by the preview.</summary>
    [BindProperty]
    public ApplyImport.Command Data { get; set; } = new();

    public ImportPreview? Preview { get; private set; }

    public UserMessages Messages => messages;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), messages.Translate("Choose a catalogue file (.csv) to upload."));
            return Page();
        }
        await ShowPreviewAsync(Path.GetFileName(Upload.FileName), await ReadAsync(Upload), RetireMissing);
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync()
    {
        var result = await mediator.Send(Data);
        TempData["Success"] = result.NothingChanged
            ? messages.Translate("The file matches the catalogue: nothing was changed.")
            : messages.Translate("Import applied: {0} added, {1} changed, {2} retired, {3} restored, {4} new phases, processes, sections or services.",
                [result.Added, result.Changed, result.Retired, result.Restored, result.NewItems]);
        return RedirectToPage();
    }

    /// <summary>An apply was refused (stale preview, bad file): show the preview of the same file against the catalogue as it is now.</summary>
    public async Task OnRedisplayAsync()
    {
        var content = new byte[Data.FileBase64.Length];
        if (Convert.TryFromBase64String(Data.FileBase64, content, out var length) && length > 0)
            await ShowPreviewAsync(Data.FileName, content[..length], Data.RetireMissing);
    }

    private async Task ShowPreviewAsync(string fileName, byte[] content, bool retireMissing)
    {
        Preview = await mediator.Send(new PreviewImport.Command { FileName = fileName, Content = content, RetireMissing = retireMissing });
        RetireMissing = retireMissing;
        Data = new ApplyImport.Command
        {
            FileName = fileName, FileBase64 = Convert.ToBase64String(content), RetireMissing = retireMissing, Fingerprint = Preview.Fingerprint,
        };
    }

    /// <summary>Reads at most one byte more than the limit: enough for the use case to say the file is too large.</summary>
    private static async Task<byte[]> ReadAsync(IFormFile file)
    {
        await using var stream = file.OpenReadStream();
        var buffer = new byte[Math.Min(file.Length, CatalogueCsv.MaxBytes + 1L)];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read)) is var n and > 0) read += n;
        return buffer[..read];
    }
}
