using NewsPlatform.Subscriptions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSubscriptions();

var app = builder.Build();

app.UseHeadAsGet(); // HEAD answered as GET, without the body
app.UseProblemDetailsForErrors();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapSubscriptionsApi();

app.Run();
