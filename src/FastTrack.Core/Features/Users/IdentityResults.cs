using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;

namespace FastTrack.Features.Users;

internal static class IdentityResults
{
    /// <summary>Identity's refusals (weak password, e-mail taken) become validation messages on the right field.</summary>
    public static async Task ThrowIfFailed(Task<IdentityResult> operation, string? passwordField = null)
    {
        var result = await operation;
        if (result.Succeeded) return;
        throw new ValidationException(result.Errors.Select(e => new ValidationFailure(Field(e.Code, passwordField), e.Description)));
    }

    private static string Field(string code, string? passwordField) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? passwordField ?? "Password"
        : code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) ? "Email"
        : "";
}
