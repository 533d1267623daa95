using System.Security.Claims;
using FastTrack.Common.Security;
using FastTrack.Domain.Common;
using FastTrack.Features.Engagements;
using FastTrack.Web.Messages;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FastTrack.Web.Api;

/// <summary>
/// Writes RFC 9457 problem details (application/problem+json) in the caller's language, with the same messages the pages
/// show: the API's counterpart of <see cref="Infrastructure.UseCaseExceptionFilter"/>.
/// </summary>
internal sealed class ApiProblemWriter(UserMessages t)
{
    public Task WriteAsync(HttpContext context, int status, string englishDetail) =>
        Problem(status, t.Translate(englishDetail)).ExecuteAsync(context);

    /// <summary>A refusal in the caller's language.</summary>
    public ProblemHttpResult Refuse(int status, string englishDetail) => Problem(status, t.Translate(englishDetail));

    public static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(new ProblemDetails
    {
        Status = status,
        Type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
        Title = ReasonPhrases(status),
        Detail = detail,
    });

    private static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    /// <summary>What a use case refused, as problem details; null when the exception is not a refusal (a real fault).</summary>
    public IResult? FromException(Exception exception) => exception switch
    {
        ValidationException v => TypedResults.ValidationProblem(
            v.Errors.GroupBy(e => FieldName(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(Message).Distinct().ToArray()),
            detail: t.Translate("Correct the fields named below; nothing was changed."),
            type: "https://www.rfc-editor.org/rfc/rfc9110#status.400",
            title: ReasonPhrases(400)),
        NotFoundException n => Problem(StatusCodes.Status404NotFound, t.Translate(n.Message)),
        ForbiddenException f => Problem(StatusCodes.Status403Forbidden, t.Translate(f.Message)),
        ConcurrencyConflictException c => Problem(StatusCodes.Status409Conflict, t.Translate(c.Message)),
        DomainException d => Problem(StatusCodes.Status422UnprocessableEntity, t.Translate(d)),
        _ => null,
    };

    private string Message(FluentValidation.Results.ValidationFailure e) =>
        e.CustomState is ImportUsage.Message m ? t.Translate(m.Template, m.Args) : t.Translate(e.ErrorMessage);

    /// <summary>"ActiveUsers" → "activeUsers", as the JSON body names it; "Line 12" stays.</summary>
    private static string FieldName(string property) =>
        string.IsNullOrEmpty(property) ? "" : property.Contains(' ') ? property : char.ToLowerInvariant(property[0]) + property[1..];
}

/// <summary>Every /api endpoint runs through this: refusals become problem details; a read-only token may not write.</summary>
internal sealed class ApiUseCaseFilter(ApiProblemWriter problems) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !ApiTokenAuthentication.CanWrite(http.User))
            return problems.Refuse(StatusCodes.Status403Forbidden, "This token may only read: issue a token with the read and write scope.");
        try
        {
            return await next(context);
        }
        catch (Exception x) when (problems.FromException(x) is { } result)
        {
            if (x is NotFoundException or ForbiddenException)
                http.RequestServices.GetRequiredService<ILogger<ApiUseCaseFilter>>().LogWarning(
                    "API request refused ({Outcome}) for user {UserId}", x.GetType().Name, http.User.FindFirstValue(ClaimTypes.NameIdentifier));
            return result;
        }
    }
}
