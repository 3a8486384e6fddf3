// Changelist filters with an autocomplete (e.g. "By reviewer"): choosing a name reloads the
// list filtered by it, clearing it removes the filter. Without JavaScript the plain links work.
"use strict";
{
  const $ = django.jQuery;

  function go(parameter, value) {
    const url = new URL(window.location.href);
    url.searchParams.delete("p");
    if (value) {
      url.searchParams.set(parameter, value);
    } else {
      url.searchParams.delete(parameter);
    }
    window.location.assign(url.toString());
  }

  $(function () {
    $(".desk-autocomplete-filter").each(function (i, element) {
      $(element).select2({
        width: "100%",
        ajax: {
          data: (params) => ({
            term: params.term,
            page: params.page,
            app_label: element.dataset.appLabel,
            model_name: element.dataset.modelName,
            field_name: element.dataset.fieldName,
          }),
        },
      });
      $(element).on("select2:select select2:clear", function () {
        go(element.dataset.parameter, element.value);
      });
    });
  });
}
