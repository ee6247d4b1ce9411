using NewsPlatform.Articles;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddArticles();

var app = builder.Build();

app.UseProblemDetailsForErrors();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapArticles();

app.Run();
