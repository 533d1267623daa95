using FastTrack.Common.Security;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Engagements;
using FastTrack.Features.Partners;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages;

/// <summary>/ : the FastTrack manager's portfolio ("what needs me today"); a partner's own engagements for partner staff.</summary>
public class IndexModel(IMediator mediator, ICurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public GetPortfolio.Result? Portfolio { get; private set; }

    /// <summary>A partner's start page: their organisation's engagements, assigned ones first.</summary>
    public GetPartnerHome.Result? PartnerHome { get; private set; }

    public async Task OnGetAsync()
    {
        if (user.IsInRole(Roles.FastTrackManager) || user.IsInRole(Roles.Admin))
            Portfolio = await mediator.Send(new GetPortfolio.Query(All));
        else if (user.IsInRole(Roles.Partner))
            PartnerHome = await mediator.Send(new GetPartnerHome.Query());
    }
}
