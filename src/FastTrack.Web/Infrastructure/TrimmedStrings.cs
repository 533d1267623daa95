using System.Reflection;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// Every text a form sends arrives trimmed; a blank one (empty or spaces only) becomes null where the property may be null
/// and "" where it may not, so a use case never meets a null its type rules out (MVC's own binder made both null, and a
/// validator calling <c>name.Trim()</c> answered 500). Passwords are kept as typed: spaces are part of them.
/// </summary>
public sealed class TrimmedStringBinderProvider : IModelBinderProvider
{
    private static readonly NullabilityInfoContext Nullability = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var metadata = context.Metadata;
        if (metadata.ModelType != typeof(string)) return null;
        var property = metadata.MetadataKind == ModelMetadataKind.Property ? metadata.ContainerType?.GetProperty(metadata.PropertyName!) : null;
        bool mayBeNull;
        lock (Nullability) mayBeNull = property is null || Nullability.Create(property).WriteState != NullabilityState.NotNull;
        var keepSpaces = metadata.PropertyName?.Contains("Password", StringComparison.OrdinalIgnoreCase) == true
            || metadata.ParameterName?.Contains("password", StringComparison.OrdinalIgnoreCase) == true;
        return new TrimmedStringBinder(mayBeNull, keepSpaces);
    }

    private sealed class TrimmedStringBinder(bool mayBeNull, bool keepSpaces) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (result == ValueProviderResult.None) return Task.CompletedTask;
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
            var value = result.FirstValue;
            if (!keepSpaces) value = value?.Trim();
            bindingContext.Result = ModelBindingResult.Success(
                string.IsNullOrWhiteSpace(value) && (!keepSpaces || string.IsNullOrEmpty(value)) ? (mayBeNull ? null : "") : value);
            return Task.CompletedTask;
        }
    }
}
