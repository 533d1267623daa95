using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// The framework's antiforgery service, except that a session's form token is made once and then reused
/// (docs/decisions/0011-form-tokens-reused-per-session.md).
/// <para>
/// Every page carries a form token (the language and sign-out forms are in the layout). The framework makes a new one on
/// every page view: it decrypts the antiforgery cookie and encrypts a new token, a sixth of a cached page's time. The
/// tokens it makes for one cookie and one user are interchangeable: each is valid for as long as that cookie, for that
/// user only, and none is used up by a post. So the first token made for a (cookie, user) pair is kept in memory and
/// given again. Validation is unchanged: every post is checked by the framework, cookie and token decrypted.
/// </para>
/// </summary>
internal sealed class ReusedFormTokens(IAntiforgery framework, IOptions<AntiforgeryOptions> options) : IAntiforgery, IDisposable
{
    /// <summary>At most this many sessions' tokens are kept (a few hundred bytes each).</summary>
    internal const int Capacity = 20_000;

    private readonly AntiforgeryOptions options = options.Value;
    private readonly MemoryCache tokens = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext context)
    {
        var key = Key(context);
        if (key is not null && tokens.TryGetValue(key, out string? requestToken) && !context.Response.HasStarted)
        {
            // What the framework does when it reuses a valid cookie: no new cookie, and the page must not be cached.
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache, no-store";
            context.Response.Headers[HeaderNames.Pragma] = "no-cache";
            return new AntiforgeryTokenSet(requestToken, null, options.FormFieldName, options.HeaderName);
        }
        var made = framework.GetAndStoreTokens(context);
        // A cookie token in the set means the request's cookie was missing or not valid and a new one is being issued:
        // nothing is kept for the old value. The next page comes with the new cookie and keeps that one's token.
        if (key is not null && made.CookieToken is null && made.RequestToken is not null)
            tokens.Set(key, made.RequestToken, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return made;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext context) => framework.GetTokens(context);

    public Task<bool> IsRequestValidAsync(HttpContext context) => framework.IsRequestValidAsync(context);

    public Task ValidateRequestAsync(HttpContext context) => framework.ValidateRequestAsync(context);

    public void SetCookieTokenAndHeader(HttpContext context) => framework.SetCookieTokenAndHeader(context);

    public void Dispose() => tokens.Dispose();

    /// <summary>
    /// The request's antiforgery cookie and who is signed in: a token is bound to both (the framework puts the user's id
    /// or name into it), so a token is only ever given again for the same cookie and the same user. Null without a cookie.
    /// </summary>
    private (string Cookie, string User)? Key(HttpContext context)
    {
        var cookie = context.Request.Cookies[options.Cookie.Name!];
        if (string.IsNullOrEmpty(cookie)) return null;
        var user = context.User.Identity is { IsAuthenticated: true } identity
            ? $"{identity.AuthenticationType}|{context.User.FindFirstValue(ClaimTypes.NameIdentifier)}|{identity.Name}"
            : "";
        return (cookie, user);
    }

    /// <summary>Wraps the framework's registration of <see cref="IAntiforgery"/> (after AddAntiforgery / AddRazorPages).</summary>
    public static void Register(IServiceCollection services)
    {
        var framework = services.Last(d => d.ServiceType == typeof(IAntiforgery)).ImplementationType
            ?? throw new InvalidOperationException("IAntiforgery is not registered by type.");
        services.Replace(ServiceDescriptor.Singleton<IAntiforgery>(sp => new ReusedFormTokens(
            (IAntiforgery)ActivatorUtilities.CreateInstance(sp, framework), sp.GetRequiredService<IOptions<AntiforgeryOptions>>())));
    }
}
