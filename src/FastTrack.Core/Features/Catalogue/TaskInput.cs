using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>The fields an admin fills in for a task, shared by <see cref="CreateTask"/> and <see cref="EditTask"/>.</summary>
public interface ITaskInput
{
    int? SectionId { get; }
    string NameEn { get; }
    string? NameJa { get; }
    string? NameZh { get; }
    bool Mandatory { get; }
    string Role { get; }
    bool AllServices { get; }
    IReadOnlyList<string> Services { get; }
}

/// <summary>The rules every task form obeys; lengths are those of the EF configuration.</summary>
public abstract class TaskInputValidator<T> : AbstractValidator<T> where T : ITaskInput
{
    public const int NameMax = 500;

    protected TaskInputValidator(FastTrackDbContext db)
    {
        RuleFor(c => c.SectionId).NotNull().WithMessage(CatalogueText.SectionRequired)
            .MustAsync(async (id, ct) => await db.Sections.AnyAsync(s => s.Id == id, ct))
            .When(c => c.SectionId is not null, ApplyConditionTo.CurrentValidator).WithMessage(CatalogueText.SectionUnknown);
        RuleFor(c => c.NameEn).NotEmpty().WithMessage(CatalogueText.NameEnRequired)
            .MaximumLength(NameMax).WithMessage(CatalogueText.NameTooLong500);
        RuleFor(c => c.NameJa).MaximumLength(NameMax).WithMessage(CatalogueText.NameTooLong500);
        RuleFor(c => c.NameZh).MaximumLength(NameMax).WithMessage(CatalogueText.NameTooLong500);
        RuleFor(c => c.Role).MustAsync(async (c, role, ct) => await RoleVocabulary.UsableAsync(db, role, await CurrentRoleAsync(c, ct), ct))
            .WithMessage(CatalogueText.RoleUnknown);
        RuleFor(c => c.Services)
            .Must((c, services) => c.AllServices || services.Any(s => !string.IsNullOrWhiteSpace(s)))
            .WithMessage(CatalogueText.ServicesRequired)
            .MustAsync((services, ct) => ServiceVocabulary.AllKnownAsync(db, services, ct))
            .When(c => !c.AllServices, ApplyConditionTo.CurrentValidator).WithMessage(CatalogueText.ServicesUnknown);
    }

    /// <summary>The role the task has now (an edit may keep a retired role); null for a new task.</summary>
    protected virtual Task<string?> CurrentRoleAsync(T command, CancellationToken ct) => Task.FromResult<string?>(null);
}

internal static class ServiceVocabulary
{
    public static async Task<bool> AllKnownAsync(FastTrackDbContext db, IEnumerable<string> names, CancellationToken ct)
    {
        var wanted = names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct().ToList();
        if (wanted.Count == 0) return true;
        return await db.Services.CountAsync(s => wanted.Contains(s.Name), ct) == wanted.Count;
    }

    /// <summary>The tracked services with these names (validated beforehand).</summary>
    public static async Task<List<Service>> LoadAsync(FastTrackDbContext db, IEnumerable<string> names, CancellationToken ct)
    {
        var wanted = names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct().ToList();
        return await db.Services.AsTracking().Where(s => wanted.Contains(s.Name)).ToListAsync(ct);
    }

    public static Task<List<string>> NamesAsync(FastTrackDbContext db, CancellationToken ct) =>
        db.Services.OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);

    /// <summary>
    /// A ';'-separated list for a section field. When the set did not change the stored text is kept,
    /// so saving a form untouched records no change just because of the order of the values.
    /// </summary>
    public static string Join(IEnumerable<string> values, string current)
    {
        var list = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct().ToList();
        var before = ServiceNames.Split(current);
        if (list.Count == before.Count && list.All(v => before.Contains(v))) return current;
        return string.Join(';', list.OrderBy(v => v, StringComparer.Ordinal));
    }
}

internal static class Conflicts
{
    /// <summary>Sets the version the user saw as the original value, so EF's UPDATE checks it.</summary>
    public static void ExpectVersion<TEntity>(FastTrackDbContext db, TEntity entity, int currentVersion, int seenVersion,
        System.Linq.Expressions.Expression<Func<TEntity, int>> version, string message) where TEntity : class
    {
        if (currentVersion != seenVersion) throw new ConcurrencyConflictException(message);
        db.Entry(entity).Property(version).OriginalValue = seenVersion;
    }

    public static async Task SaveAsync(FastTrackDbContext db, string message, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(message);
        }
    }
}
