import { Anchor, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { PageTitle } from "../ui";

export function NotFoundPage() {
  return (
    <>
      <PageTitle>Không có trang này</PageTitle>
      <Text>
        Đường dẫn không đúng hoặc trang đã chuyển.{" "}
        <Anchor component={Link} to="/bai-viet">
          Về danh sách bài viết
        </Anchor>
      </Text>
    </>
  );
}
