using FastTrack.Common.Security;
using FastTrack.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Customers;

public static class ListCustomers
{
    public const int PageSize = 25;

    [AnySignedInUser]
    public sealed record Query : IRequest<Result>
    {
        public string? Search { get; init; }
        public int Page { get; init; } = 1;
    }

    public sealed record Item(int Id, string Name, string TenantDomain, string? Industry, bool HasCsm, int Licences, int Engagements);

    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Page, int Pages);

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var q = db.Customers.AsQueryable();
            if (!string.IsNullOrWhiteSpace(request.Search))
            {
                var term = request.Search.Trim().ToLower();
                q = q.Where(c => c.Name.ToLower().Contains(term) || c.TenantDomain.Contains(term));
            }
            var total = await q.CountAsync(ct);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(request.Page, 1, pages);
            var items = await q.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize)
                .Select(c => new Item(c.Id, c.Name, c.TenantDomain, c.Industry, c.CsmName != null || c.CsmEmail != null,
                    c.Seats.Select(s => (int?)s.Seats).Max() ?? 0, db.Engagements.Count(e => e.CustomerId == c.Id)))
                .ToListAsync(ct);
            return new Result(items, total, page, pages);
        }
    }
}
