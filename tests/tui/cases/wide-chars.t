# Wide (CJK) characters are cropped on a column boundary; combining marks are escaped.
profile: names
expect:   処理請求.handleRequest_日本語の関数…
expect: cafe\u0301.latte
keys:
jj
