namespace NewsPlatform.Web.Accounts;

/// <summary>The token of a mailed link, carried from the link's page to its button's post.</summary>
public sealed class LinkForm
{
    public string? Token { get; set; }
    public string? Password { get; set; }
    public string? Confirmation { get; set; }
}
