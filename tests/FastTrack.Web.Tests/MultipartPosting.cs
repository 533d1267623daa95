using AngleSharp.Html.Dom;

namespace FastTrack.Web.Tests;

/// <summary>
/// Submitting forms the way a browser does: a file upload as multipart/form-data (with the antiforgery token of the
/// form it came from), or a form of a page already in hand (e.g. the hidden fields a preview wrote).
/// </summary>
public static class MultipartPosting
{
    /// <summary>GETs <paramref name="pageUrl"/>, fills the form <paramref name="formSelector"/> with a file and fields, posts it as multipart.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string pageUrl, string formSelector,
        string fileField, string fileName, byte[] file, Dictionary<string, string>? fields = null)
    {
        var page = await client.GetPageAsync(pageUrl);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement;
        Assert.NotNull(form);
        Assert.Equal("multipart/form-data", form!.Enctype);
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in FieldsOf(form).Where(f => fields is null || !fields.ContainsKey(f.Key)))
            multipart.Add(new StringContent(value), name);
        foreach (var (name, value) in fields ?? []) multipart.Add(new StringContent(value), name);
        var filePart = new ByteArrayContent(file);
        filePart.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        multipart.Add(filePart, fileField, fileName);
        return await client.PostAsync(ActionOf(form, pageUrl), multipart);
    }

    /// <summary>Submits a form of a page already fetched, with its current values (hidden fields included).</summary>
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlDocument page, string formSelector, string pageUrl)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement;
        Assert.NotNull(form);
        return client.PostAsync(ActionOf(form!, pageUrl), new FormUrlEncodedContent(FieldsOf(form!)));
    }

    private static string ActionOf(IHtmlFormElement form, string pageUrl) =>
        form.GetAttribute("action") is { Length: > 0 } action ? action : pageUrl;

    private static List<KeyValuePair<string, string>> FieldsOf(IHtmlFormElement form) => FormPosting.FormValues(form);
}
