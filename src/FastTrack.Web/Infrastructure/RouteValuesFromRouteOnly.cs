using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// A value that the page's route names (<c>{id}</c> in <c>/Engagements/{id}/Edit</c>) is bound from the route only, for
/// handler parameters and bound properties alike. Model binding would otherwise take a posted form field of the same
/// name first: <c>POST /Engagements/5/Edit</c> with <c>id=27</c> edited 27 (mass assignment, issue 22). The route's value
/// is the one the authorization and partner checks saw in the URL.
/// </summary>
internal sealed partial class RouteValuesFromRouteOnly : IPageApplicationModelConvention
{
    [GeneratedRegex(@"\{\*{0,2}([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex RouteParameter();

    public void Apply(PageApplicationModel model)
    {
        var template = model.ActionDescriptor.AttributeRouteInfo?.Template ?? "";
        var names = RouteParameter().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (names.Count == 0) return;
        foreach (var parameter in model.HandlerMethods.SelectMany(h => h.Parameters).Where(p => names.Contains(p.ParameterName)))
        {
            parameter.BindingInfo ??= new BindingInfo();
            parameter.BindingInfo.BindingSource = BindingSource.Path;
        }
        foreach (var property in model.HandlerProperties.Where(p => p.BindingInfo is not null && names.Contains(p.PropertyName)))
            property.BindingInfo!.BindingSource = BindingSource.Path;
    }
}
