using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// Behind a load balancer the client's address and scheme arrive in X-Forwarded-For/-Proto. They are
/// believed only from the proxies listed in <c>ReverseProxy:KnownProxies</c> (addresses) and
/// <c>ReverseProxy:KnownNetworks</c> (CIDR); with neither set, forwarded headers are ignored.
/// </summary>
internal static class ReverseProxy
{
    public static void ConfigureForwardedHeaders(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = 1;
            foreach (var proxy in config.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in config.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            var hosts = config.GetSection("ReverseProxy:AllowedHosts").Get<string[]>();
            if (hosts is { Length: > 0 }) o.AllowedHosts = hosts;
        });
    }
}
