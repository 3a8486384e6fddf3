// The "translation of" autocomplete on the review change form: like Django's admin
// autocomplete, but it also sends the language chosen in the form and the review's own id,
// so the results are only reviews in another language (and never the review itself).
"use strict";
{
  const $ = django.jQuery;

  function init(element) {
    $(element).select2({
      ajax: {
        data: (params) => {
          const language = document.getElementById(element.dataset.languageField);
          return {
            term: params.term,
            page: params.page,
            app_label: element.dataset.appLabel,
            model_name: element.dataset.modelName,
            field_name: element.dataset.fieldName,
            other_than: language ? language.value : "",
            exclude: element.dataset.exclude || "",
          };
        },
      },
    });
  }

  $(function () {
    $(".desk-translation-autocomplete").not("[name*=__prefix__]").each((i, element) => init(element));
  });
}
