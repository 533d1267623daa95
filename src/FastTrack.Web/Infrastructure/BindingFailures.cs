using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// What a form sent that could not be read as its field's type (seats "abc", "10.5" or 99999999999999, a status or date
/// that is not one): MVC left the field at its default and went on, so the use case saved a zero or Not started without a
/// word. <see cref="UseCaseExceptionFilter"/> refuses such a post before the use case runs, with one of these messages on the field.
/// </summary>
internal static class BindingFailures
{
    public const string WholeNumber = "Enter a whole number.";
    public const string Number = "Enter a number.";
    public const string Date = "Enter a date.";
    public const string Choice = "Choose one of the values offered.";
    public const string Value = "This value cannot be read.";

    /// <summary>The English message for the field at <paramref name="key"/> (Data.Seats[2].Seats) of what the handler binds.</summary>
    public static string MessageFor(PageHandlerExecutingContext context, string key)
    {
        var t = FieldType(context, key);
        if (t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte)) return WholeNumber;
        if (t == typeof(decimal) || t == typeof(double) || t == typeof(float)) return Number;
        if (t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset)) return Date;
        if (t is { IsEnum: true } || t == typeof(bool)) return Choice;
        return Value;
    }

    private static Type? FieldType(PageHandlerExecutingContext context, string key)
    {
        var segments = key.Split('.');
        var root = segments[0].Split('[')[0];
        var rootType = context.ActionDescriptor.BoundProperties
                .FirstOrDefault(p => Named(p.BindingInfo, p.Name, root))?.ParameterType
            ?? context.HandlerMethod?.Parameters.FirstOrDefault(p => Named(p.BindingInfo, p.Name, root))?.ParameterType;
        var type = Step(rootType, segments[0]);
        foreach (var segment in segments.Skip(1))
        {
            if (type is null) return null;
            var property = type.GetProperty(segment.Split('[')[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            type = Step(property?.PropertyType, segment);
        }
        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }

    private static bool Named(BindingInfo? binding, string name, string root) =>
        string.Equals(binding?.BinderModelName ?? name, root, StringComparison.OrdinalIgnoreCase);

    /// <summary>"Seats[2]" on a list of T is a T.</summary>
    private static Type? Step(Type? type, string segment)
    {
        if (type is null || !segment.EndsWith(']')) return type;
        if (type.IsArray) return type.GetElementType();
        return type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[^1] : null;
    }
}
