using NewsPlatform.Articles;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddArticles();

var app = builder.Build();

app.UseHeadAsGet(); // HEAD answered as GET, without the body
app.UseProblemDetailsForErrors();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapArticles();

app.Run();
