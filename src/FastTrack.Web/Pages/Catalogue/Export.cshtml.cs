using FastTrack.Features.Catalogue;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Catalogue;

/// <summary>/Catalogue/Export: downloads what the catalogue filter shows (same query string as /Catalogue) as a catalogue file.</summary>
public class ExportModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery] CatalogueFilter filter)
    {
        var export = await mediator.Send(new ExportCatalogue.Query { Filter = filter });
        return File(export.Content, "text/csv; charset=utf-8", export.FileName);
    }
}
